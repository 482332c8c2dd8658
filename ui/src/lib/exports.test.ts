import { describe, expect, it } from 'vitest';
import { exportLang } from './exports';

describe('exportLang', () => {
	it('writes files in the reader’s language, Russian when unknown', () => {
		expect(exportLang('kk')).toBe('kk');
		expect(exportLang('en')).toBe('en');
		expect(exportLang('ru')).toBe('ru');
		expect(exportLang(null)).toBe('ru');
		expect(exportLang('de')).toBe('ru');
	});
});
