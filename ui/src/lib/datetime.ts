// Kazakhstan has a single time zone, UTC+5, since March 2024. Intl's 'Asia/Almaty' is not
// used on purpose: older ICU data (as on Debian) still says UTC+6. We add five hours to the
// UTC instant and format the UTC fields ourselves.

export const KZ_OFFSET_MINUTES = 5 * 60;

const RFC3339 =
	/^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an RFC 3339 timestamp into epoch milliseconds, or NaN. Done by hand because
 * engines differ on fractions longer than milliseconds (Rust emits nanoseconds).
 */
export function parseRfc3339(text: string): number {
	const m = RFC3339.exec(text.trim());
	if (!m) return NaN;
	const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
	const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
	let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
	if (!z) {
		const offset = (Number(oh) * 60 + Number(om)) * 60_000;
		t = sign === '+' ? t - offset : t + offset;
	}
	return t;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function shifted(value: string | number | Date): Date | null {
	const ms =
		typeof value === 'string'
			? parseRfc3339(value)
			: typeof value === 'number'
				? value
				: value.getTime();
	if (Number.isNaN(ms)) return null;
	return new Date(ms + KZ_OFFSET_MINUTES * 60_000);
}

/** `dd.MM.yyyy HH:mm` in UTC+5. Returns the input unchanged if it cannot be parsed. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
	if (value === null || value === undefined || value === '') return '';
	const d = shifted(value);
	if (!d) return String(value);
	return (
		`${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCFullYear(), 4)} ` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
	);
}

/** `dd.MM.yyyy` in UTC+5. */
export function formatDate(value: string | number | Date | null | undefined): string {
	const full = formatDateTime(value);
	return full.length === 16 ? full.slice(0, 10) : full;
}

/** True if the timestamp lies after `now` (for lock expiry). */
export function isAfterNow(value: string | null | undefined, now: number = Date.now()): boolean {
	if (!value) return false;
	const t = parseRfc3339(value);
	return !Number.isNaN(t) && t > now;
}

/** Today's date in UTC+5 as `yyyy-mm-dd` (for date inputs). */
export function todayKz(now: number = Date.now()): string {
	const d = new Date(now + KZ_OFFSET_MINUTES * 60_000);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const LOCAL_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(y: number, m: number, d: number): boolean {
	if (y < 1 || m < 1 || m > 12 || d < 1) return false;
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return d <= days;
}

/**
 * A date typed as `dd.MM.yyyy` (leading zeros optional, surrounding spaces ignored) as
 * `yyyy-mm-dd` for the API; `null` if it is not a real calendar date.
 */
export function parseLocalDate(text: string | null | undefined): string | null {
	const m = LOCAL_DATE.exec((text ?? '').trim());
	if (!m) return null;
	const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (!validDate(y, mo, d)) return null;
	return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

/** An API date `yyyy-mm-dd` as `dd.MM.yyyy`; anything else is returned unchanged. */
export function formatLocalDate(iso: string | null | undefined): string {
	if (!iso) return '';
	const m = ISO_DATE.exec(iso.trim());
	if (!m) return iso;
	return `${m[3]}.${m[2]}.${m[1]}`;
}
