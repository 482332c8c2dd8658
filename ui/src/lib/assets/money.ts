// Money as integer tiyn (1 tenge = 100 tiyn), mirroring the core's `money.rs`: amounts are
// typed in tenge (`1 234 567,89`, `1234567.8`, `15000 ₸`) and converted exactly by string
// arithmetic, never through floating point; shown as `1 234 567,89 ₸`.
import type { Problem } from '$lib/validation';

/** The largest amount accepted anywhere: 9 * 10^15 tiyn, below 2^53 (exact in JSON and JS). */
export const MAX_AMOUNT = 9_000_000_000_000_000;
const MAX_BIG = 9_000_000_000_000_000n;

export type Parsed = { ok: true; tiyn: number } | { ok: false; problem: Problem };

const fail = (rule: string, params: Problem['params'] = {}): Parsed => ({ ok: false, problem: { rule, params } });

/** Parses tenge as people write them; rule keys as the core: `required`, `negative`,
 * `not_numeric`, `too_many_decimals`, `too_large`. `positive` refuses zero (`not_positive`). */
export function parseTenge(text: string, options: { positive?: boolean } = {}): Parsed {
	let t = text.trim();
	if (t.endsWith('₸')) t = t.slice(0, -1);
	else if (t.endsWith('тг')) t = t.slice(0, -2);
	t = [...t].filter((c) => c !== ' ' && c !== '\u00a0' && c !== '\u202f' && c !== '_').join('');
	if (t === '') return fail('required');
	if (t.startsWith('-')) return fail('negative');
	if (t.startsWith('+')) t = t.slice(1);
	const sep = t.search(/[,.]/);
	const whole = sep < 0 ? t : t.slice(0, sep);
	const frac = sep < 0 ? '' : t.slice(sep + 1);
	if (whole === '' || !/^[0-9]+$/.test(whole) || !/^[0-9]*$/.test(frac)) return fail('not_numeric');
	if (frac.length > 2) return fail('too_many_decimals');
	const total = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0') || '0');
	if (total > MAX_BIG) return fail('too_large', { max: String(MAX_AMOUNT) });
	const tiyn = Number(total);
	if (options.positive && tiyn === 0) return fail('not_positive');
	return { ok: true, tiyn };
}

/** The problem with a typed amount, or null. */
export function amountProblem(text: string, options: { positive?: boolean; required?: boolean } = {}): Problem | null {
	if (text.trim() === '' && options.required === false) return null;
	const r = parseTenge(text, options);
	return r.ok ? null : r.problem;
}

/** The amount in tiyn of a text that passed `amountProblem` (0 otherwise). */
export function tiynOf(text: string): number {
	const r = parseTenge(text);
	return r.ok ? r.tiyn : 0;
}

function group(digits: string): string {
	let out = '';
	for (let i = 0; i < digits.length; i++) {
		if (i > 0 && (digits.length - i) % 3 === 0) out += ' ';
		out += digits[i];
	}
	return out;
}

/** `1 234 567,89 ₸`: spaces between thousands, a comma before the tiyn, the tenge sign. */
export function formatTenge(tiyn: number | null | undefined): string {
	if (tiyn === null || tiyn === undefined) return '—';
	const big = BigInt(tiyn);
	const sign = big < 0n ? '-' : '';
	const abs = big < 0n ? -big : big;
	const tenge = (abs / 100n).toString();
	const rest = (abs % 100n).toString().padStart(2, '0');
	return `${sign}${group(tenge)},${rest} ₸`;
}

/** An amount for an input field: `1 234 567,89` (no sign), so it parses back exactly. */
export function tengeInput(tiyn: number | null | undefined): string {
	if (tiyn === null || tiyn === undefined) return '';
	return formatTenge(tiyn).replace(' ₸', '');
}
