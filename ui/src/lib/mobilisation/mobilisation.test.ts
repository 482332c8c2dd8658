import { describe, expect, it } from 'vitest';
import { hourLabel, localNowText, looksLikeIin } from './mobilisation';

describe('mobilisation helpers', () => {
	it('writes now in UTC+5 as the forms take it', () => {
		// 2026-12-05 04:00 UTC is 09:00 in Kazakhstan.
		expect(localNowText(0, Date.UTC(2026, 11, 5, 4, 0))).toBe('05.12.2026 09:00');
		expect(localNowText(3, Date.UTC(2026, 11, 5, 4, 0))).toBe('05.12.2026 12:00');
	});

	it('labels chart hours in local time', () => {
		expect(hourLabel('2026-12-05T04:00:00.000Z')).toBe('09:00');
	});

	it('tells an IIN from a name', () => {
		expect(looksLikeIin('061211600012')).toBe(true);
		expect(looksLikeIin('Әбенов')).toBe(false);
	});
});
