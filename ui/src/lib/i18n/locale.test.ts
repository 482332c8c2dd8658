import { describe, expect, it } from 'vitest';
import { pickInitialLocale } from './index';

describe('pickInitialLocale', () => {
	it('prefers the stored choice', () => {
		expect(pickInitialLocale('en', ['kk-KZ'])).toBe('en');
	});
	it('ignores a stored value it does not know', () => {
		expect(pickInitialLocale('de', ['kk-KZ'])).toBe('kk');
	});
	it('uses the browser language prefix', () => {
		expect(pickInitialLocale(null, ['kk-KZ', 'ru'])).toBe('kk');
		expect(pickInitialLocale(null, ['ru-RU'])).toBe('ru');
		expect(pickInitialLocale(null, ['en-GB'])).toBe('en');
		expect(pickInitialLocale(null, ['de-DE', 'en-US'])).toBe('en');
	});
	it('falls back to Russian', () => {
		expect(pickInitialLocale(null, [])).toBe('ru');
		expect(pickInitialLocale(null, ['de-DE'])).toBe('ru');
	});
});
