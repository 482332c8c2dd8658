import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_KINDS } from '../audit';
import { COUNTRIES, ERROR_REASONS, FAILED_RULES, FIELD_RULES } from '../messages';
import en from './en.json';
import kk from './kk.json';
import ru from './ru.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(tree)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (typeof v === 'string') out[key] = v;
		else Object.assign(out, flatten(v, key));
	}
	return out;
}

const catalogues = { kk: flatten(kk), ru: flatten(ru), en: flatten(en) };
const placeholders = (s: string) =>
	[...s.matchAll(/\{\s*([a-z_]+)\s*[,}]/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
	it('have exactly the same keys', () => {
		const keys = Object.keys(catalogues.en).sort();
		expect(Object.keys(catalogues.kk).sort()).toEqual(keys);
		expect(Object.keys(catalogues.ru).sort()).toEqual(keys);
	});

	it('have no empty messages', () => {
		for (const [lang, cat] of Object.entries(catalogues)) {
			for (const [key, value] of Object.entries(cat)) {
				expect(value.trim(), `${lang}:${key}`).not.toBe('');
			}
		}
	});

	it('use the same placeholders in every language', () => {
		for (const key of Object.keys(catalogues.en)) {
			const want = [...new Set(placeholders(catalogues.en[key]))];
			for (const lang of ['kk', 'ru'] as const) {
				expect([...new Set(placeholders(catalogues[lang][key]))], `${lang}:${key}`).toEqual(want);
			}
		}
	});

	it('have a message for every error reason', () => {
		for (const reason of Object.values(ERROR_REASONS).flat()) {
			for (const [lang, cat] of Object.entries(catalogues)) {
				expect(cat[`error.${reason}`], `${lang}: error.${reason}`).toBeTruthy();
			}
		}
	});

	it('have a message for every field rule', () => {
		for (const rule of [...FIELD_RULES, 'repeat_mismatch', 'invalid']) {
			for (const [lang, cat] of Object.entries(catalogues)) {
				expect(cat[`rule.${rule}`], `${lang}: rule.${rule}`).toBeTruthy();
			}
		}
	});

	it('keep the parameters the backend sends', () => {
		const need: Record<string, string[]> = {
			'error.account_locked': ['until'],
			'error.database_unavailable': ['path'],
			'error.newer_schema': ['path'],
			'error.not_a_database': ['path'],
			'rule.too_long': ['max'],
			'rule.too_short': ['min'],
			'rule.password_too_short': ['min'],
			'rule.out_of_range': ['max', 'min']
		};
		for (const [key, params] of Object.entries(need)) {
			for (const [lang, cat] of Object.entries(catalogues)) {
				expect(placeholders(cat[key]), `${lang}:${key}`).toEqual(params);
			}
		}
	});

	it('write Kazakh with Kazakh letters', () => {
		const text = Object.values(catalogues.kk).join(' ');
		for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і']) {
			expect(text, letter).toContain(letter);
		}
	});
});

// --- Drift check: every key the Rust core can send has a message ---------------------------
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

function rustFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return rustFiles(full);
		return name.endsWith('.rs') ? [full] : [];
	});
}

/** The text of a call's arguments: from after `(` to the matching `)`. */
function callArgs(text: string, open: number): string {
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
	}
	return text.slice(open + 1);
}

/** Splits at the first comma outside brackets. */
function afterFirstArg(args: string): string {
	let depth = 0;
	for (let i = 0; i < args.length; i++) {
		const c = args[i];
		if ('([{'.includes(c)) depth++;
		else if (')]}'.includes(c)) depth--;
		else if (c === ',' && depth === 0) return args.slice(i + 1);
	}
	return '';
}

const literals = (text: string) => [...text.matchAll(/"([a-z][a-z0-9_]*)"/g)].map((m) => m[1]);

/** Rule, reason and failed-rule keys, read from the Rust sources with regular expressions. */
export function rustKeys(files: { text: string }[]): {
	rules: Set<string>;
	reasons: Set<string>;
	failed: Set<string>;
	actions: Set<string>;
	kinds: Set<string>;
} {
	const rules = new Set<string>();
	const actions = new Set<string>();
	const kinds = new Set<string>();
	const reasons = new Set<string>();
	const failed = new Set<string>();
	// `digits(text, "iin", "iin")`: the prefixes that `{prefix}_length` and friends expand to.
	const prefixes = new Set<string>();
	for (const { text } of files) {
		for (const m of text.matchAll(/\bdigits\(\s*[a-z_]+\s*,\s*"[a-z_]+"\s*,\s*"([a-z]+)"\s*\)/g)) prefixes.add(m[1]);
	}
	for (const { text } of files) {
		const noComments = text.replace(/^\s*\/\/.*$/gm, '');
		for (const m of noComments.matchAll(/\b(?:FieldError::new|Error::field)\s*\(/g)) {
			const rest = afterFirstArg(callArgs(noComments, m.index + m[0].length - 1));
			for (const key of literals(rest)) rules.add(key);
			for (const f of rest.matchAll(/format!\(\s*"\{prefix\}_([a-z_]+)"/g)) {
				for (const prefix of prefixes) rules.add(`${prefix}_${f[1]}`);
			}
		}
		for (const m of noComments.matchAll(/\bError::(?:forbidden|not_found|conflict|unauthenticated)\s*\(\s*"([a-z_]+)"/g)) {
			reasons.add(m[1]);
		}
		for (const m of noComments.matchAll(/\bFailedRule::new\s*\(\s*"([a-z_]+)"/g)) failed.add(m[1]);
		// Audit actions are `"area.verb"` literals; outside the test modules the only other
		// literals of that shape are file names, field paths (`pattern.start`) and the keys of
		// catalogue messages the CLI reads (`rule.invalid`).
		const code = noComments.split('#[cfg(test)]')[0];
		const fieldPaths = new Set(
			[...code.matchAll(/\b(?:FieldError::new|Error::field)\s*\(\s*"([a-z_.]+)"/g)].map((f) => f[1])
		);
		for (const m of code.matchAll(/"([a-z][a-z_]+\.[a-z][a-z_]+)"/g)) {
			const fileName = /\.(db|log|pdf|csv|xlsx|xls|json|ics|ttf|sql|txt)$/.test(m[1]);
			if (!fieldPaths.has(m[1]) && !fileName && !(m[1] in catalogues.en)) actions.add(m[1]);
		}
		// The entity kind: `Event::by(actor, action, "kind")`, `entity_kind: "kind"`, and the
		// literal after the action in `record_export(store, actor, "area.verb", "kind", ..)`.
		for (const m of code.matchAll(/\bEvent::by\s*\([^,()]+,[^,()]+,\s*"([a-z_]+)"\s*\)/g)) kinds.add(m[1]);
		for (const m of code.matchAll(/\bentity_kind:\s*"([a-z_]+)"/g)) kinds.add(m[1]);
		for (const m of code.matchAll(/\brecord_export\s*\(/g)) {
			const args = callArgs(code, m.index + m[0].length - 1);
			const kind = args.match(/"[a-z_]+\.[a-z_]+"\s*,\s*"([a-z_]+)"/);
			if (kind) kinds.add(kind[1]);
		}
		// `validator` attributes: `email` becomes a rule of its own.
		for (const m of noComments.matchAll(/#\[validate\(([^\]]*)\)\]/g)) {
			if (/\bemail\b/.test(m[1])) rules.add('email');
		}
	}
	return { rules, reasons, failed, actions, kinds };
}

describe('drift between the Rust core and the catalogues', () => {
	const files = ['src', path.join('src-tauri', 'src')]
		.map((dir) => path.join(repoRoot, dir))
		.flatMap((dir) => rustFiles(dir))
		.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
	const keys = rustKeys(files);

	it('finds the keys it is meant to find', () => {
		expect(files.length).toBeGreaterThan(10);
		for (const rule of ['iin_check_digit', 'iin_length', 'phone_format', 'citizenship_format', 'email', 'unknown_skill']) {
			expect(keys.rules, rule).toContain(rule);
		}
		for (const reason of ['not_eligible', 'iin_registered', 'iin_registered_elsewhere', 'already_enrolled', 'volunteer']) {
			expect(keys.reasons, reason).toContain(reason);
		}
		expect(keys.failed).toContain('citizenship_stateless');
		for (const action of ['volunteer.create', 'auth.sign_in_failed', 'asset.claim_file', 'unit.members_export']) {
			expect(keys.actions, action).toContain(action);
		}
		expect(keys.actions, 'a field path is not an action').not.toContain('pattern.start');
		expect(keys.actions, 'a catalogue key the CLI reads is not an action').not.toContain('rule.invalid');
		for (const kind of ['volunteer', 'session', 'audit_log', 'unit_bulk_transfer']) {
			expect(keys.kinds, kind).toContain(kind);
		}
	});

	it('lists in audit.ts every action and entity kind the core records, each named in every language', () => {
		const listed = new Set<string>(AUDIT_ACTIONS);
		expect([...keys.actions].filter((a) => !listed.has(a)), 'actions missing from AUDIT_ACTIONS').toEqual([]);
		expect(AUDIT_ACTIONS.filter((a) => !keys.actions.has(a)), 'actions the core no longer records').toEqual([]);
		const kinds = new Set<string>(AUDIT_KINDS);
		expect([...keys.kinds].filter((k) => !kinds.has(k)), 'kinds missing from AUDIT_KINDS').toEqual([]);
		const missing: string[] = [];
		for (const [lang, cat] of Object.entries(catalogues)) {
			for (const a of AUDIT_ACTIONS) if (!cat[`audit.act.${a}`]) missing.push(`${lang}: audit.act.${a}`);
			for (const k of AUDIT_KINDS) if (!cat[`audit.kind.${k}`]) missing.push(`${lang}: audit.kind.${k}`);
		}
		expect(missing).toEqual([]);
	});

	it('has a message in every language for every field rule the core sends', () => {
		const missing: string[] = [];
		for (const rule of keys.rules) {
			for (const [lang, cat] of Object.entries(catalogues)) {
				if (!cat[`rule.${rule}`]) missing.push(`${lang}: rule.${rule}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('has a message in every language for every error reason the core sends', () => {
		const missing: string[] = [];
		for (const reason of keys.reasons) {
			for (const [lang, cat] of Object.entries(catalogues)) {
				if (!cat[`error.${reason}`]) missing.push(`${lang}: error.${reason}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('has a message in every language for every failed eligibility rule', () => {
		const missing: string[] = [];
		for (const code of keys.failed) {
			for (const [lang, cat] of Object.entries(catalogues)) {
				if (!cat[`failed.${code}`]) missing.push(`${lang}: failed.${code}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('lists in messages.ts every key the core sends (so the UI does not fall back)', () => {
		const known = new Set<string>([...FIELD_RULES]);
		expect([...keys.rules].filter((r) => !known.has(r))).toEqual([]);
		const reasons = new Set<string>(Object.values(ERROR_REASONS).flat());
		expect([...keys.reasons].filter((r) => !reasons.has(r))).toEqual([]);
		const failed = new Set<string>(FAILED_RULES);
		expect([...keys.failed].filter((r) => !failed.has(r))).toEqual([]);
	});

	it('names every listed citizenship', () => {
		for (const code of [...COUNTRIES, 'stateless']) {
			for (const [lang, cat] of Object.entries(catalogues)) {
				expect(cat[`country.${code}`], `${lang}: country.${code}`).toBeTruthy();
			}
		}
	});
});
