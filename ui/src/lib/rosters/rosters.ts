// Small pure helpers of the roster screens: who may change rosters, week arithmetic on local
// dates, and a form field's label for a backend field path such as `posts[1].guards_per_shift`.
import type { FieldError, SessionInfo } from '$lib/bindings';

/** Administrators and district operators change rosters in their scope; viewers only read. */
export const canEditRosters = (s: SessionInfo | null) =>
	s?.role === 'national_admin' || s?.role === 'regional_admin' || s?.role === 'district_operator';

/** `yyyy-mm-dd` plus `days` (negative allowed), as `yyyy-mm-dd`. */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const t = new Date(Date.UTC(y, m - 1, d + days));
	return t.toISOString().slice(0, 10);
}

/** The Monday of the week holding `date` (`yyyy-mm-dd`). */
export function mondayOf(date: string): string {
	const [y, m, d] = date.split('-').map(Number);
	const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
	return addDays(date, -weekday);
}

/** The first day of the month holding `date` (`yyyy-mm-dd`). */
export const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/** The number of days in the month holding `date`. */
export function daysInMonth(date: string): number {
	const [y, m] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The first day of the month `months` (negative allowed) after the one holding `date`. */
export function addMonths(date: string, months: number): string {
	const [y, m] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

export type RosterSpan = 'week' | 'month';

/** The period a grid shows around `date`: its Monday's week or its calendar month. */
export function periodOf(span: RosterSpan, date: string): { from: string; days: number } {
	return span === 'week' ? { from: mondayOf(date), days: 7 } : { from: firstOfMonth(date), days: daysInMonth(date) };
}

/** The period one step (a week or a month) before (`-1`) or after (`1`) the one from `from`. */
export function stepPeriod(span: RosterSpan, from: string, step: number): { from: string; days: number } {
	return periodOf(span, span === 'week' ? addDays(from, 7 * step) : addMonths(from, step));
}

export type FillScope = 'facility' | 'district' | 'region';

/** The scopes of an auto-fill the role may choose: a district operator's scope is its district. */
export function fillScopes(s: SessionInfo | null): FillScope[] {
	if (s?.role === 'national_admin' || s?.role === 'regional_admin') return ['facility', 'district', 'region'];
	if (s?.role === 'district_operator') return ['facility', 'district'];
	return [];
}

/** The catalogue key of the form label a backend field path belongs to, and the row it names. */
export function fieldLabelKey(field: string): { key: string; row: number | null } {
	const m = /^(posts|pattern\.custom)\[(\d+)\]\.([a-z_]+)$/.exec(field);
	if (m) {
		const [, list, row, leaf] = m;
		const key =
			list === 'posts'
				? ({ name: 'post_name', guards_per_shift: 'post_guards', required_skill: 'post_skill', active_from: 'post_from', active_until: 'post_until' } as Record<string, string>)[leaf] ?? 'posts'
				: leaf === 'start'
					? 'custom_start'
					: 'custom_minutes';
		return { key: `rosters.${key}`, row: Number(row) + 1 };
	}
	const plain: Record<string, string> = {
		name: 'rosters.name',
		category: 'rosters.category',
		owner_bin: 'rosters.owner_bin',
		address: 'rosters.address',
		latitude: 'rosters.latitude',
		longitude: 'rosters.longitude',
		criticality: 'rosters.criticality',
		responsible_unit_id: 'rosters.unit',
		pattern: 'rosters.pattern',
		'pattern.start': 'rosters.pattern_start',
		posts: 'rosters.posts',
		region_id: 'fields.region',
		district_id: 'fields.district'
	};
	return { key: plain[field] ?? 'rosters.name', row: null };
}

/** Field errors in form order (the backend reports them in its own). */
export function sortedFieldErrors(fields: FieldError[]): FieldError[] {
	return [...fields].sort((a, b) => a.field.localeCompare(b.field));
}

/** Weekday numbers as the core counts them: 0 = Monday .. 6 = Sunday. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

export type DayChoice = 'none' | 'preferred' | 'undesired';

/** One choice per weekday from the stored lists. */
export function dayChoices(p: { preferred: number[]; undesired: number[] }): DayChoice[] {
	return WEEKDAYS.map((d) => (p.preferred.includes(d) ? 'preferred' : p.undesired.includes(d) ? 'undesired' : 'none'));
}

/** The stored lists from one choice per weekday. */
export function fromChoices(choices: DayChoice[]): { preferred: number[]; undesired: number[] } {
	const pick = (kind: DayChoice) => WEEKDAYS.filter((d) => choices[d] === kind);
	return { preferred: pick('preferred'), undesired: pick('undesired') };
}

/** The weights the auto-fill trades off, in the order the screens show them. */
export const WEIGHT_FIELDS = ['uncovered', 'fairness', 'undesired_day', 'not_preferred_day', 'post_change', 'away_from_home'] as const;
export type WeightField = (typeof WEIGHT_FIELDS)[number];

/** Who may change the national weights and the facility categories. */
export const canEditReference = (s: SessionInfo | null) => s?.role === 'national_admin';
