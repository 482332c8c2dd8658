import { addMessages, init, locale } from 'svelte-i18n';
import en from './en.json';
import kk from './kk.json';
import ru from './ru.json';

export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';
export const STORAGE_KEY = 'jasaq.locale';

type Dictionary = Parameters<typeof addMessages>[1];
export const catalogues: Record<Locale, Dictionary> = { kk, ru, en };

function asLocale(value: string | null | undefined): Locale | null {
	if (!value) return null;
	const v = value.toLowerCase();
	for (const l of LOCALES) if (v === l || v.startsWith(`${l}-`) || v.startsWith(`${l}_`)) return l;
	return null;
}

/** The stored choice, else the first supported browser language, else Russian. */
export function pickInitialLocale(stored: string | null, languages: readonly string[]): Locale {
	const fromStore = stored && (LOCALES as readonly string[]).includes(stored) ? (stored as Locale) : null;
	if (fromStore) return fromStore;
	for (const lang of languages) {
		const l = asLocale(lang);
		if (l) return l;
	}
	return DEFAULT_LOCALE;
}

function readStored(): string | null {
	try {
		return localStorage.getItem(STORAGE_KEY);
	} catch {
		return null;
	}
}

let started = false;

/** Registers the catalogues and selects the initial language. Safe to call twice. */
export function setupI18n(): void {
	if (started) return;
	started = true;
	for (const l of LOCALES) addMessages(l, catalogues[l]);
	const languages =
		typeof navigator === 'undefined'
			? []
			: navigator.languages?.length
				? navigator.languages
				: [navigator.language];
	init({ fallbackLocale: DEFAULT_LOCALE, initialLocale: pickInitialLocale(readStored(), languages) });
	locale.subscribe((l) => {
		if (typeof document !== 'undefined' && l) document.documentElement.lang = l;
	});
}

/** Switches the language and remembers the choice. */
export function setLocale(l: Locale): void {
	locale.set(l);
	try {
		localStorage.setItem(STORAGE_KEY, l);
	} catch {
		// Storage can be unavailable; the choice then lasts for this run only.
	}
}
