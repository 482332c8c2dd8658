// Small helpers of the mobilisation pages: the kinds, badges, local (UTC+5) times as typed,
// and the hour labels of the reported-strength chart.
import type { ActivationKind, ActivationStatus, CallRow, Response } from '$lib/bindings';
import { formatDateTime, KZ_OFFSET_MINUTES } from '$lib/datetime';

export const KINDS: readonly ActivationKind[] = ['exercise', 'emergency', 'martial_law'];
export const RESPONSES: readonly Response[] = ['pending', 'will_report', 'reported', 'excused', 'not_reached', 'absent'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Now plus `hours`, in UTC+5, as the forms take it: `dd.MM.yyyy HH:mm`. */
export function localNowText(hours = 0, now: number = Date.now()): string {
	const d = new Date(now + hours * 3_600_000 + KZ_OFFSET_MINUTES * 60_000);
	return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCFullYear(), 4)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `HH:mm` in UTC+5 of an instant (the chart's axis). */
export function hourLabel(at: string): string {
	return formatDateTime(at).slice(11);
}

export function statusBadge(status: ActivationStatus): string {
	return status === 'active' ? 'ok-badge' : status === 'draft' ? 'warn-badge' : '';
}

export function fullName(row: Pick<CallRow, 'surname' | 'given_name' | 'patronymic'>): string {
	return [row.surname, row.given_name, row.patronymic].filter(Boolean).join(' ');
}

/** Twelve digits: the desk treats the text as an IIN rather than a name. */
export const looksLikeIin = (text: string) => /^\d{12}$/.test(text.trim());
