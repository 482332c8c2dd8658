import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, isAfterNow, parseRfc3339, todayKz } from './datetime';

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
