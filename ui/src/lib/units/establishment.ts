// The establishment editor's arithmetic: one typed number per position, checked as typed, sent
// as the lines the core wants, and the core's per-line errors put back next to their inputs.
import type { FieldError } from '$lib/bindings';
import * as v from '$lib/validation';

/** The most people one position of one unit may be authorised (the core's bound). */
export const MAX_PER_POSITION = 5000;

export type Draft = { position: string; text: string };

/** The problem with one typed number: empty means zero, otherwise a whole 0..=5000. */
export function lineProblem(text: string): v.Problem | null {
	if (text.trim() === '') return null;
	return v.intInRange(text.replace(/\s/g, ''), 0, MAX_PER_POSITION);
}

/** The lines to send: positions with a positive number, in the order shown. */
export function linesOf(drafts: readonly Draft[]): { position: string; authorised: number }[] {
	return drafts
		.map((d) => ({ position: d.position, authorised: d.text.trim() === '' ? 0 : Number(d.text.replace(/\s/g, '')) }))
		.filter((l) => Number.isInteger(l.authorised) && l.authorised > 0);
}

/**
 * The position a core field error is about: `lines[2].authorised` or `lines.2.position` name
 * the line by its index in what was sent; a `position` param names it directly.
 */
export function positionOfError(error: FieldError, sent: readonly { position: string }[]): string | null {
	if (error.params.position) return error.params.position;
	const m = /^lines(?:\[(\d+)\]|\.(\d+))/.exec(error.field);
	if (!m) return null;
	const index = Number(m[1] ?? m[2]);
	return sent[index]?.position ?? null;
}

/** Total authorised of what is typed (invalid lines count as zero). */
export function totalOf(drafts: readonly Draft[]): number {
	return linesOf(drafts).reduce((sum, l) => sum + l.authorised, 0);
}
