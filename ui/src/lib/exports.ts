// The language an exported file is written in: the one the user reads the app in.
import type { Lang } from './bindings';

export function exportLang(locale: string | null | undefined): Lang {
	return locale === 'kk' || locale === 'en' ? locale : 'ru';
}
