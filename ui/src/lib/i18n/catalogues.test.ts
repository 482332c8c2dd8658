import { describe, expect, it } from 'vitest';
import { ERROR_REASONS, FIELD_RULES } from '../messages';
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
