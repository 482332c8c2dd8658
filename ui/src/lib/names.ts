import type { District, Region } from './bindings';

export type Lang = 'kk' | 'ru' | 'en';

export function asLang(locale: string | null | undefined): Lang {
	const l = (locale ?? '').toLowerCase();
	if (l.startsWith('kk')) return 'kk';
	if (l.startsWith('en')) return 'en';
	return 'ru';
}

export function regionName(region: Region | undefined | null, locale: string | null | undefined): string {
	if (!region) return '';
	const lang = asLang(locale);
	return lang === 'kk' ? region.name_kk : lang === 'en' ? region.name_en : region.name_ru;
}

/** District names: English is optional, so English falls back to Russian. */
export function districtName(
	district: District | undefined | null,
	locale: string | null | undefined
): string {
	if (!district) return '';
	const lang = asLang(locale);
	if (lang === 'kk') return district.name_kk;
	if (lang === 'en') return district.name_en?.trim() ? district.name_en : district.name_ru;
	return district.name_ru;
}

/** Sorts by the name shown in the current language. */
export function byName<T>(items: T[], nameOf: (item: T) => string, locale: string | null | undefined): T[] {
	const collator = new Intl.Collator(asLang(locale));
	return [...items].sort((a, b) => collator.compare(nameOf(a), nameOf(b)));
}
