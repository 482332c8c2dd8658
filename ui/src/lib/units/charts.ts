// Readiness figures shaped for charts and the table: fill percentages, the bars of
// establishment against strength, and the age profile. Pure functions over plain numbers, so
// the arithmetic the dashboard shows is tested here and not inside Chart.js.

export type BarSeries = { label: string; data: number[]; color: string };

/** Colours of the series, readable on white and told apart without colour by the legend. */
export const COLOURS = {
	authorised: '#9fb3c8',
	assigned: '#0b4f6c',
	fill: '#1e6b3a',
	short: '#b3261e',
	age: '#5b6f84'
} as const;

/** Assigned as a whole percentage of authorised; null when nothing is authorised. */
export function fillPercent(assigned: number, authorised: number): number | null {
	if (authorised <= 0) return null;
	return Math.round((assigned * 100) / authorised);
}

/** The percentage as text ("85 %"), or a dash when there is no establishment. */
export function fillText(assigned: number, authorised: number, none = '—'): string {
	const p = fillPercent(assigned, authorised);
	return p === null ? none : `${p} %`;
}

export type StrengthRow = { label: string; authorised: number; assigned: number };

/** Two bars per row: authorised and assigned. */
export function strengthBars(rows: readonly StrengthRow[], names: { authorised: string; assigned: string }): { labels: string[]; series: BarSeries[] } {
	return {
		labels: rows.map((r) => r.label),
		series: [
			{ label: names.authorised, data: rows.map((r) => r.authorised), color: COLOURS.authorised },
			{ label: names.assigned, data: rows.map((r) => r.assigned), color: COLOURS.assigned }
		]
	};
}

/** A fill percentage as the core gives it (one decimal), written the reader's way: "85,5 %". */
export function percentText(value: number, locale: string): string {
	return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} %`;
}

export type FillRow = { label: string; authorised: number; fill_percent: number };

/**
 * One bar per row: the fill percentage, capped at the chart's top so one overstrength unit does
 * not flatten the rest (the table shows the true figure). Rows without establishment are left
 * out: 0 % there means "nothing planned", not "nobody came".
 */
export function fillBars(rows: readonly FillRow[], name: string, cap = 100): { labels: string[]; series: BarSeries[]; picked: number[] } {
	const kept = rows.map((r, i) => ({ r, i })).filter((x) => x.r.authorised > 0);
	return {
		labels: kept.map((x) => x.r.label),
		series: [{ label: name, data: kept.map((x) => Math.min(cap, x.r.fill_percent)), color: COLOURS.fill }],
		// Index in `rows` of each bar, for drill-down from a click on a bar.
		picked: kept.map((x) => x.i)
	};
}

/** Age bands as the core names them ("18-24", "55+"), drawn with an en dash. */
export function ageBars(bands: readonly { band: string; count: number }[], name: string): { labels: string[]; series: BarSeries[] } {
	return {
		labels: bands.map((b) => b.band.replace('-', '–')),
		series: [{ label: name, data: bands.map((b) => b.count), color: COLOURS.age }]
	};
}
