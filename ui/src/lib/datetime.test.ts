import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatLocalDate,
	isAfterNow,
	parseLocalDate,
	parseRfc3339,
	todayKz
} from './datetime';

describe('formatDateTime (fixed UTC+5)', () => {
	it('crosses midnight into the next day', () => {
		expect(formatDateTime('2026-03-01T19:30:00Z')).toBe('02.03.2026 00:30');
	});
	it('formats a plain UTC morning time', () => {
		expect(formatDateTime('2026-01-15T03:05:59Z')).toBe('15.01.2026 08:05');
	});
	it('crosses the year boundary', () => {
		expect(formatDateTime('2025-12-31T20:00:00Z')).toBe('01.01.2026 01:00');
	});
	it('handles leap days', () => {
		expect(formatDateTime('2028-02-28T21:15:00Z')).toBe('29.02.2028 02:15');
	});
	it('accepts nanosecond fractions as Rust emits them', () => {
		expect(formatDateTime('2026-03-01T19:30:00.123456789Z')).toBe('02.03.2026 00:30');
		expect(formatDateTime('2026-03-01T19:30:59.999999+00:00')).toBe('02.03.2026 00:30');
	});
	it('honours explicit offsets', () => {
		expect(formatDateTime('2026-03-02T00:30:00+05:00')).toBe('02.03.2026 00:30');
		expect(formatDateTime('2026-03-01T14:30:00-05:00')).toBe('02.03.2026 00:30');
	});
	it('is not affected by the old UTC+6 rule for Almaty', () => {
		// Before March 2024 Almaty was UTC+6; we always use +5.
		expect(formatDateTime('2023-06-01T00:00:00Z')).toBe('01.06.2023 05:00');
	});
	it('accepts epoch milliseconds and Date objects', () => {
		const ms = Date.UTC(2026, 2, 1, 19, 30);
		expect(formatDateTime(ms)).toBe('02.03.2026 00:30');
		expect(formatDateTime(new Date(ms))).toBe('02.03.2026 00:30');
	});
	it('returns empty for null and the input for garbage', () => {
		expect(formatDateTime(null)).toBe('');
		expect(formatDateTime(undefined)).toBe('');
		expect(formatDateTime('not a date')).toBe('not a date');
	});
});

describe('helpers', () => {
	it('parses RFC 3339 to epoch ms', () => {
		expect(parseRfc3339('1970-01-01T00:00:01Z')).toBe(1000);
		expect(parseRfc3339('1970-01-01T05:00:00+05:00')).toBe(0);
		expect(Number.isNaN(parseRfc3339('2026-03-01'))).toBe(true);
	});
	it('formats dates only', () => {
		expect(formatDate('2026-03-01T19:30:00Z')).toBe('02.03.2026');
	});
	it('compares with now', () => {
		const now = Date.UTC(2026, 0, 1);
		expect(isAfterNow('2026-01-01T00:00:01Z', now)).toBe(true);
		expect(isAfterNow('2025-12-31T23:59:59Z', now)).toBe(false);
		expect(isAfterNow(null, now)).toBe(false);
	});
	it('gives today in UTC+5', () => {
		expect(todayKz(Date.UTC(2026, 2, 1, 19, 30))).toBe('2026-03-02');
		expect(todayKz(Date.UTC(2026, 2, 1, 18, 59))).toBe('2026-03-01');
	});
});

describe('local dates (dd.MM.yyyy)', () => {
	it('parses typed dates to yyyy-mm-dd', () => {
		expect(parseLocalDate('05.03.1990')).toBe('1990-03-05');
		expect(parseLocalDate(' 5.3.1990 ')).toBe('1990-03-05');
		expect(parseLocalDate('29.02.2028')).toBe('2028-02-29');
		expect(parseLocalDate('31.12.2026')).toBe('2026-12-31');
	});
	it('refuses impossible or malformed dates', () => {
		for (const text of ['29.02.2027', '31.04.2026', '00.01.2026', '01.13.2026', '1990-03-05', '05/03/1990', '05.03.90', '', 'abc']) {
			expect(parseLocalDate(text), text).toBeNull();
		}
		expect(parseLocalDate(null)).toBeNull();
	});
	it('formats API dates for display', () => {
		expect(formatLocalDate('1990-03-05')).toBe('05.03.1990');
		expect(formatLocalDate(null)).toBe('');
		expect(formatLocalDate('garbage')).toBe('garbage');
	});
	it('round-trips', () => {
		for (const iso of ['2000-01-01', '1999-12-31', '2024-02-29']) {
			expect(parseLocalDate(formatLocalDate(iso))).toBe(iso);
		}
	});
});
