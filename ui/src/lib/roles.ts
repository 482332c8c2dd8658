import type { Role, SessionInfo } from './bindings';

export const ROLES: readonly Role[] = [
	'national_admin',
	'regional_admin',
	'district_operator',
	'viewer'
];

/** What scope a role takes: none, a region, or a region and a district. */
export type ScopeNeed = { region: 'none' | 'required' | 'optional'; district: 'none' | 'required' | 'optional' };

export function scopeFor(role: Role): ScopeNeed {
	switch (role) {
		case 'national_admin':
			return { region: 'none', district: 'none' };
		case 'regional_admin':
			return { region: 'required', district: 'none' };
		case 'district_operator':
			return { region: 'required', district: 'required' };
		case 'viewer':
			return { region: 'optional', district: 'optional' };
	}
}

/** Roles the actor may give to a new user (a courtesy; the backend decides). */
export function creatableRoles(actor: Role): Role[] {
	switch (actor) {
		case 'national_admin':
			return [...ROLES];
		case 'regional_admin':
			return ['regional_admin', 'district_operator', 'viewer'];
		default:
			return [];
	}
}

export const isAdmin = (s: SessionInfo | null) =>
	s?.role === 'national_admin' || s?.role === 'regional_admin';

export const isNational = (s: SessionInfo | null) => s?.role === 'national_admin';

export type AdminPage = 'users' | 'districts' | 'audit' | 'settings';

/** Which administration pages the navigation offers to this session. */
export function adminPages(s: SessionInfo | null): AdminPage[] {
	if (!s) return [];
	if (s.role === 'national_admin') return ['users', 'districts', 'audit', 'settings'];
	if (s.role === 'regional_admin') return ['users', 'districts', 'audit'];
	return ['districts'];
}
