import { describe, expect, it } from 'vitest';
import { addDays, addMonths, canEditReference, canEditRosters, dayChoices, daysInMonth, fieldLabelKey, fillScopes, fromChoices, mondayOf, periodOf, stepPeriod } from './rosters';

describe('roster helpers', () => {
	it('steps weeks across month and year ends', () => {
		expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
		expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
		expect(addDays('2026-03-02', -7)).toBe('2026-02-23');
	});
	it('finds the Monday of a week', () => {
		expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday
		expect(mondayOf('2026-11-23')).toBe('2026-11-23');
	});
	it('gives a week or a calendar month as the period shown', () => {
		expect(periodOf('week', '2026-11-29')).toEqual({ from: '2026-11-23', days: 7 });
		expect(periodOf('month', '2026-11-23')).toEqual({ from: '2026-11-01', days: 30 });
		expect(periodOf('month', '2028-02-10')).toEqual({ from: '2028-02-01', days: 29 }); // leap year
		expect(daysInMonth('2027-02-01')).toBe(28);
		expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
		expect(addMonths('2026-01-31', -1)).toBe('2025-12-01');
		expect(stepPeriod('month', '2026-12-01', 1)).toEqual({ from: '2027-01-01', days: 31 });
		expect(stepPeriod('week', '2026-11-23', -1)).toEqual({ from: '2026-11-16', days: 7 });
	});
	it('offers the region scope of an auto-fill to administrators only', () => {
		const s = (role: 'national_admin' | 'regional_admin' | 'district_operator' | 'viewer') =>
			({ role }) as unknown as Parameters<typeof fillScopes>[0];
		expect(fillScopes(s('national_admin'))).toEqual(['facility', 'district', 'region']);
		expect(fillScopes(s('regional_admin'))).toEqual(['facility', 'district', 'region']);
		expect(fillScopes(s('district_operator'))).toEqual(['facility', 'district']);
		expect(fillScopes(s('viewer'))).toEqual([]);
	});
	it('labels backend field paths by row', () => {
		expect(fieldLabelKey('posts[1].guards_per_shift')).toEqual({ key: 'rosters.post_guards', row: 2 });
		expect(fieldLabelKey('pattern.custom[0].minutes')).toEqual({ key: 'rosters.custom_minutes', row: 1 });
		expect(fieldLabelKey('owner_bin')).toEqual({ key: 'rosters.owner_bin', row: null });
	});
	it('lets every role but viewers change rosters', () => {
		const s = (role: 'national_admin' | 'regional_admin' | 'district_operator' | 'viewer') =>
			({ role }) as unknown as Parameters<typeof canEditRosters>[0];
		expect(canEditRosters(s('district_operator'))).toBe(true);
		expect(canEditRosters(s('viewer'))).toBe(false);
		expect(canEditRosters(null)).toBe(false);
	});
	it('turns weekday lists into one choice per day and back', () => {
		const choices = dayChoices({ preferred: [4, 0], undesired: [6] });
		expect(choices).toEqual(['preferred', 'none', 'none', 'none', 'preferred', 'none', 'undesired']);
		expect(fromChoices(choices)).toEqual({ preferred: [0, 4], undesired: [6] });
		expect(fromChoices(dayChoices({ preferred: [], undesired: [] }))).toEqual({ preferred: [], undesired: [] });
	});
	it('lets only national administrators edit the national reference data', () => {
		const s = (role: string) => ({ role }) as unknown as Parameters<typeof canEditReference>[0];
		expect(canEditReference(s('national_admin'))).toBe(true);
		expect(canEditReference(s('regional_admin'))).toBe(false);
		expect(canEditReference(s('district_operator'))).toBe(false);
		expect(canEditReference(null)).toBe(false);
	});
});
