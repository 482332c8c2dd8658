import { describe, expect, it } from 'vitest';
import { addDays, canEditRosters, fieldLabelKey, mondayOf } from './rosters';

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
});
