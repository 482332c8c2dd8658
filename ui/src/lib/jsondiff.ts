// A compact diff of two JSON texts (audit entries' `before` and `after`).

export type DiffLine =
	| { kind: 'added'; path: string; after: string }
	| { kind: 'removed'; path: string; before: string }
	| { kind: 'changed'; path: string; before: string; after: string };

export type Diff = { lines: DiffLine[]; rawBefore: string | null; rawAfter: string | null; parsed: boolean };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function parse(text: string | null): { ok: true; value: Json | undefined } | { ok: false } {
	if (text === null || text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) as Json };
	} catch {
		return { ok: false };
	}
}

/** Compact one-line JSON for a value. */
export function show(value: Json | undefined): string {
	if (value === undefined) return '';
	return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(path: string, a: Json | undefined, b: Json | undefined, out: DiffLine[]): void {
	if (isObject(a) && isObject(b)) {
		const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
		for (const key of keys) {
			walk(path ? `${path}.${key}` : key, a[key], b[key], out);
		}
		return;
	}
	if (a === undefined && b === undefined) return;
	if (a === undefined) {
		if (isObject(b) && path === '') {
			for (const key of Object.keys(b).sort()) out.push({ kind: 'added', path: key, after: show(b[key]) });
		} else out.push({ kind: 'added', path, after: show(b) });
		return;
	}
	if (b === undefined) {
		if (isObject(a) && path === '') {
			for (const key of Object.keys(a).sort()) out.push({ kind: 'removed', path: key, before: show(a[key]) });
		} else out.push({ kind: 'removed', path, before: show(a) });
		return;
	}
	const sa = show(a);
	const sb = show(b);
	if (sa !== sb) out.push({ kind: 'changed', path, before: sa, after: sb });
}

export function jsonDiff(before: string | null, after: string | null): Diff {
	const a = parse(before);
	const b = parse(after);
	if (!a.ok || !b.ok) return { lines: [], rawBefore: before, rawAfter: after, parsed: false };
	const lines: DiffLine[] = [];
	walk('', a.value, b.value, lines);
	return { lines, rawBefore: before, rawAfter: after, parsed: true };
}
