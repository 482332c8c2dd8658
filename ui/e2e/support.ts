// Helpers shared by the end-to-end specs: messages from the real catalogues, valid IINs by the
// domain brief's check-digit algorithm, the standard cast, and waits on ids / data-testid.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { $, browser } from '@wdio/globals';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Lang = 'kk' | 'ru' | 'en';
type Tree = { [key: string]: string | Tree };
const catalogue = (lang: Lang): Tree =>
	JSON.parse(readFileSync(new URL(`../src/lib/i18n/${lang}.json`, import.meta.url), 'utf8')) as Tree;
const CAT = { kk: catalogue('kk'), ru: catalogue('ru'), en: catalogue('en') };

/** A message from a catalogue, e.g. t('en', 'nav.volunteers'), with {placeholders} filled. */
export function t(lang: Lang, key: string, values: Record<string, string> = {}): string {
	let node: string | Tree = CAT[lang];
	for (const part of key.split('.')) {
		if (typeof node === 'string' || !(part in node)) throw new Error(`no message ${lang}:${key}`);
		node = node[part];
	}
	if (typeof node !== 'string') throw new Error(`not a message ${lang}:${key}`);
	return Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, v), node);
}

/** The IIN/BIN check digit of 11 digits, or null when no 12th digit makes them valid. */
export function checkDigit(first11: string): number | null {
	const d = [...first11].map(Number);
	const pass = (w: number[]) => d.reduce((sum, x, i) => sum + x * w[i], 0) % 11;
	const first = pass([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
	if (first !== 10) return first;
	const second = pass([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
	return second === 10 ? null : second;
}

/** A valid IIN for a birth date (YYMMDD) and century/sex digit, from the first usable serial. */
export function makeIin(yymmdd: string, centurySex: number, serial: number): string {
	for (let s = serial; s < serial + 100; s++) {
		const first11 = `${yymmdd}${centurySex}${String(s).padStart(4, '0')}`;
		const check = checkDigit(first11);
		if (check !== null) return `${first11}${check}`;
	}
	throw new Error('no valid IIN in range');
}

/** The same number with its check digit changed: always invalid. */
export const wrongCheck = (n: string) => `${n.slice(0, 11)}${(Number(n[11]) + 1) % 10}`;

export const ADMIN = { username: 'chief', name: 'Ерлан Сейітқали', password: 'Steppe-Falcon-2026!' };
export const DISTRICT = { kk: 'Ақкөл ауданы', ru: 'Аккольский район', en: 'Akkol District' };
export const REGION_EN = 'Akmola';

export const byTestId = (id: string) => $(`[data-testid="${id}"]`);

export async function fill(id: string, value: string) {
	const el = await $(`#${id}`);
	await el.waitForDisplayed();
	await el.setValue(value);
}

export async function click(testId: string) {
	const el = await byTestId(testId);
	await el.waitForClickable();
	await el.click();
}

/** Chooses an option of a <select> by a substring of its visible text; returns its value. */
export async function chooseOption(selectId: string, textPart: string): Promise<string> {
	const select = await $(`#${selectId}`);
	await select.waitForDisplayed();
	let value = '';
	await browser.waitUntil(
		async () => {
			const options = (await browser.execute(
				(id: string) =>
					Array.from(document.querySelectorAll<HTMLOptionElement>(`#${id} option`)).map((o) => [
						o.value,
						o.textContent ?? ''
					]),
				selectId
			)) as [string, string][];
			value = options.find(([v, text]) => v !== '' && text.includes(textPart))?.[0] ?? '';
			return value !== '';
		},
		{ timeoutMsg: `no option containing "${textPart}" in #${selectId}` }
	);
	await select.selectByAttribute('value', value);
	await browser.waitUntil(async () => (await select.getValue()) === value, {
		timeoutMsg: `#${selectId} did not take the value ${value}`
	});
	return value;
}

export async function heading(): Promise<string> {
	const h1 = await $('main h1');
	await h1.waitForDisplayed();
	return h1.getText();
}

export async function waitForHeading(text: string) {
	await browser.waitUntil(async () => (await heading()) === text, {
		timeoutMsg: `page heading never became "${text}"`
	});
}

export async function waitForText(testId: string, expected: string) {
	const el = await byTestId(testId);
	await el.waitForDisplayed();
	await browser.waitUntil(async () => (await el.getText()).trim() === expected, {
		timeoutMsg: `[data-testid=${testId}] never showed "${expected}" (shows "${await el.getText()}")`
	});
}

/**
 * Runs the `jasaq` CLI (built beside the app) on the spec's database as the first administrator,
 * and returns its standard output. Used to prepare data the spec is not about.
 */
export function cli(...args: string[]): string {
	const app = process.env.JASAQ_APP;
	const dir = app
		? path.dirname(path.resolve(app))
		: path.join(process.env.CARGO_TARGET_DIR ? path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR) : path.join(REPO_ROOT, 'target'), 'debug');
	return execFileSync(path.join(dir, 'jasaq'), args, {
		encoding: 'utf8',
		env: { ...process.env, JASAQ_USER: ADMIN.username, JASAQ_PASSWORD: ADMIN.password }
	});
}

/** Today in Kazakhstan (UTC+5) as yyyy-mm-dd and as dd.MM.yyyy. */
export function todayKz(): { iso: string; local: string } {
	const iso = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
	const [y, m, d] = iso.split('-');
	return { iso, local: `${d}.${m}.${y}` };
}
