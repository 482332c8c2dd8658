import { describe, expect, it } from 'vitest';
import type { Role, SessionInfo } from '$lib/bindings';
import { canAssign, canBulkTransfer, canManageUnits, nameOf } from './units.svelte';

const as = (role: Role): SessionInfo => ({
	user_id: 'u',
	username: 'u',
	display_name: 'U',
	role,
	region_id: role === 'national_admin' ? null : 'KZ-11',
	district_id: role === 'district_operator' ? 'd' : null,
	must_change_password: false,
	idle_timeout_minutes: 15
});

describe('what each role is offered on the unit screens', () => {
	it('lets administrators build the structure and nobody else', () => {
		expect(canManageUnits(as('national_admin'))).toBe(true);
		expect(canManageUnits(as('regional_admin'))).toBe(true);
		expect(canManageUnits(as('district_operator')), 'an operator assigns, but does not build units').toBe(false);
		expect(canManageUnits(as('viewer'))).toBe(false);
		expect(canManageUnits(null)).toBe(false);
	});

	it('lets operators assign within their district, and viewers only look', () => {
		expect(canAssign(as('district_operator'))).toBe(true);
		expect(canAssign(as('regional_admin'))).toBe(true);
		expect(canAssign(as('viewer')), 'a viewer never changes an assignment').toBe(false);
	});

	it('keeps bulk transfer to administrators', () => {
		expect(canBulkTransfer(as('district_operator'))).toBe(false);
		expect(canBulkTransfer(as('national_admin'))).toBe(true);
	});

	it('names catalogue entries in the reader’s language, English falling back to Russian', () => {
		const item = { name_kk: 'Атқыш', name_ru: 'Стрелок', name_en: '' };
		expect(nameOf(item, 'kk')).toBe('Атқыш');
		expect(nameOf(item, 'en'), 'no English name: the Russian one').toBe('Стрелок');
		expect(nameOf(undefined, 'ru', 'rifleman'), 'an unknown code shows as itself').toBe('rifleman');
	});
});
