// Shared pieces of the unit screens: the catalogues (agencies, kinds, positions), their names
// in the reader's language, the fixed lists, and what the signed-in role may do here (a
// courtesy that hides buttons; the core refuses anyway).
import { api } from '$lib/api';
import type { Agency, Direction, Position, SessionInfo, UnitCatalogues, UnitKind, UnitStatus } from '$lib/bindings';
import { asLang } from '$lib/names';

export const DIRECTIONS: readonly Direction[] = ['russia', 'uzbekistan', 'china', 'kyrgyzstan', 'turkmenistan', 'interior'];
/** Statuses a form may set; disbanding has its own dialog. */
export const FORM_STATUSES: readonly UnitStatus[] = ['cadre', 'forming', 'ready', 'deployed'];
export const STATUSES: readonly UnitStatus[] = [...FORM_STATUSES, 'disbanded'];

type Named = { name_kk: string; name_ru: string; name_en: string };

/** A catalogue entry's name in the reader's language (English falls back to Russian). */
export function nameOf(item: Named | undefined, locale: string | null | undefined, fallback = ''): string {
	if (!item) return fallback;
	const lang = asLang(locale);
	if (lang === 'kk') return item.name_kk;
	if (lang === 'en') return item.name_en.trim() ? item.name_en : item.name_ru;
	return item.name_ru;
}

class Catalogues {
	agencies = $state<Agency[]>([]);
	kinds = $state<UnitKind[]>([]);
	positions = $state<Position[]>([]);
	private pending: Promise<UnitCatalogues> | null = null;

	load(force = false): Promise<unknown> {
		if (!force && this.kinds.length > 0) return Promise.resolve();
		this.pending ??= api
			.unitCatalogues()
			.then((c) => {
				this.agencies = c.agencies;
				this.kinds = c.kinds;
				this.positions = c.positions;
				return c;
			})
			.finally(() => {
				this.pending = null;
			});
		return this.pending;
	}

	agency(id: string | null | undefined): Agency | undefined {
		return this.agencies.find((a) => a.id === id);
	}
	kind(code: string | null | undefined): UnitKind | undefined {
		return this.kinds.find((k) => k.code === code);
	}
	position(code: string | null | undefined): Position | undefined {
		return this.positions.find((p) => p.code === code);
	}
	/** Kinds and positions still in use, for the forms. */
	get activeKinds(): UnitKind[] {
		return [...this.kinds].filter((k) => !k.retired_at).sort((a, b) => a.rank - b.rank);
	}
	get activePositions(): Position[] {
		return this.positions.filter((p) => !p.retired_at);
	}
}

export const catalogues = new Catalogues();

/** May build and change the unit structure (create, edit, establishment, disband). */
export const canManageUnits = (s: SessionInfo | null) => s?.role === 'national_admin' || s?.role === 'regional_admin';

/** May put volunteers into positions and move them. */
export const canAssign = (s: SessionInfo | null) => canManageUnits(s) || s?.role === 'district_operator';

/** May run a bulk transfer. */
export const canBulkTransfer = canManageUnits;

export function unitStatusBadge(status: UnitStatus): string {
	switch (status) {
		case 'ready':
		case 'deployed':
			return 'ok-badge';
		case 'cadre':
		case 'forming':
			return 'warn-badge';
		default:
			return 'muted-badge';
	}
}
