import { describe, expect, it } from 'vitest';
import { formatTenge, MAX_AMOUNT, parseTenge, tengeInput } from './money';

const tiyn = (text: string) => {
	const r = parseTenge(text);
	return r.ok ? r.tiyn : r.problem.rule;
};

describe('money (mirrors money.rs)', () => {
	it('formats with space thousands and comma decimals', () => {
		expect(formatTenge(123_456_789)).toBe('1 234 567,89 ₸');
		expect(formatTenge(5)).toBe('0,05 ₸');
		expect(formatTenge(-100_000)).toBe('-1 000,00 ₸');
		expect(formatTenge(10_000_000_000_000)).toBe('100 000 000 000,00 ₸');
		expect(formatTenge(MAX_AMOUNT)).toBe('90 000 000 000 000,00 ₸');
		expect(formatTenge(0)).toBe('0,00 ₸');
		expect(formatTenge(null)).toBe('—');
	});

	it('parses the ways people write tenge', () => {
		expect(tiyn('1 234 567,89')).toBe(123_456_789);
		expect(tiyn('1234567.8')).toBe(123_456_780);
		expect(tiyn('15000 ₸')).toBe(1_500_000);
		expect(tiyn('15000тг')).toBe(1_500_000);
		expect(tiyn('0,05')).toBe(5);
		expect(tiyn('1\u00a0000')).toBe(100_000);
		expect(tiyn('1\u202f000,5')).toBe(100_050);
		expect(tiyn('+7')).toBe(700);
		expect(tiyn('12,')).toBe(1200);
	});

	it('is exact where floating point is not', () => {
		// 0.1 + 0.2 style traps and values beyond 2^53 / 100.
		expect(tiyn('0,29')).toBe(29);
		expect(tiyn('1,15')).toBe(115);
		expect(tiyn('89 999 999 999 999,99')).toBe(8_999_999_999_999_999);
		expect(tiyn('100 000 000 000')).toBe(10_000_000_000_000);
	});

	it('refuses with the core rule keys', () => {
		expect(tiyn('')).toBe('required');
		expect(tiyn('  ')).toBe('required');
		expect(tiyn('-5')).toBe('negative');
		expect(tiyn('abc')).toBe('not_numeric');
		expect(tiyn('1,2,3')).toBe('not_numeric');
		expect(tiyn(',5')).toBe('not_numeric');
		expect(tiyn('1e5')).toBe('not_numeric');
		expect(tiyn('1,234')).toBe('too_many_decimals');
		expect(tiyn('90 000 000 000 000,01')).toBe('too_large');
		expect(tiyn('99999999999999999999999')).toBe('too_large');
		expect(tiyn('90 000 000 000 000')).toBe(MAX_AMOUNT);
		const zero = parseTenge('0', { positive: true });
		expect(zero.ok ? 'ok' : zero.problem.rule).toBe('not_positive');
	});

	it('round-trips through an input', () => {
		for (const v of [0, 5, 123_456_789, MAX_AMOUNT]) expect(tiyn(tengeInput(v))).toBe(v);
		expect(tengeInput(null)).toBe('');
	});
});
