// Requisitioned assets: the enums in display order, badges, identifiers and the client checks
// that mirror the core (IIN/BIN check digit, VIN, cadastral number).
import type { Asset, AssetKind, AssetStatus, ClaimStatus, LossKind, Mode, OwnerKind } from '$lib/bindings';
import { iin, iinCheckDigit, type Problem } from '$lib/validation';

export const ASSET_KINDS: readonly AssetKind[] = [
	'building',
	'premises',
	'land',
	'vehicle',
	'special_machinery',
	'equipment',
	'fuel_supplies',
	'other'
];
export const ASSET_STATUSES: readonly AssetStatus[] = ['registered', 'held', 'returned', 'lost', 'transferred'];
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['filed', 'decided', 'appealed', 'partly_paid', 'paid'];
export const MODES: readonly Mode[] = ['temporary_use', 'transfer_of_ownership'];
export const LOSS_KINDS: readonly LossKind[] = ['destroyed', 'lost', 'consumed'];
export const OWNER_KINDS: readonly OwnerKind[] = ['citizen', 'organisation'];

/** Which identifiers a kind of asset takes (the core requires them). */
export function identifiersFor(kind: AssetKind | ''): { vehicle: boolean; cadastral: boolean; serial: boolean } {
	return {
		vehicle: kind === 'vehicle',
		cadastral: kind === 'building' || kind === 'premises' || kind === 'land',
		serial: kind === 'equipment' || kind === 'special_machinery'
	};
}

/** The identifiers of an asset on one line: plate · VIN · cadastral · serial. */
export function identifiersText(a: Pick<Asset, 'plate_number' | 'vin' | 'cadastral_number' | 'serial_number'>): string {
	return [a.plate_number, a.vin, a.cadastral_number, a.serial_number].filter(Boolean).join(' · ');
}

export function assetBadge(status: AssetStatus): string {
	switch (status) {
		case 'returned':
		case 'transferred':
			return 'ok-badge';
		case 'lost':
			return 'warn-badge';
		case 'registered':
			return 'muted-badge';
		default:
			return '';
	}
}

export function claimBadge(status: ClaimStatus | null): string {
	switch (status) {
		case 'paid':
			return 'ok-badge';
		case 'appealed':
			return 'warn-badge';
		default:
			return '';
	}
}

const p = (rule: string, params: Problem['params'] = {}): Problem => ({ rule, params });

/** A BIN as typed: 12 digits, the IIN's check digit, a registration month 01-12. */
export function bin(value: string): Problem | null {
	const text = value.trim();
	if (text === '') return p('required');
	if ([...text].length !== 12) return p('bin_length', { length: '12' });
	if (!/^[0-9]{12}$/.test(text)) return p('bin_digits');
	if (iinCheckDigit(text.slice(0, 11)) !== Number(text[11])) return p('bin_check_digit');
	const month = Number(text.slice(2, 4));
	return month >= 1 && month <= 12 ? null : p('bin_month');
}

/** The IIN of a citizen or the BIN of an organisation. */
export function ownerIdent(kind: OwnerKind, value: string): Problem | null {
	return kind === 'citizen' ? iin(value) : bin(value);
}

/** 17 characters of A-Z and 0-9 without I, O and Q (ISO 3779), any case as typed. */
export function vin(value: string): Problem | null {
	const text = value.trim().toUpperCase();
	if (text === '') return p('required');
	return /^[A-HJ-NPR-Z0-9]{17}$/.test(text) ? null : p('vin_format');
}

export function cadastral(value: string): Problem | null {
	const text = value.trim();
	if (text === '') return p('required');
	return /^[0-9:]+$/.test(text) ? null : p('cadastral_format');
}

/** Days held, both ends counted: (end − intake) + 1, or null when the end is before intake. */
export function daysHeld(intake: string, end: string): number | null {
	const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
	const n = day(end) - day(intake);
	return n >= 0 ? n + 1 : null;
}
