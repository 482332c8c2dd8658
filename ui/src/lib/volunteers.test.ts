import { describe, expect, it } from 'vitest';
import type { Volunteer } from './bindings';

const { canOfferEnrol, emptyInput, fullName, listFilters, statusBadge, toInput } = await import('./volunteers.svelte');

const volunteer: Volunteer = {
	id: 'v1',
	iin: '900515300008',
	surname: 'Әлиханов',
	given_name: 'Әлихан',
	patronymic: null,
	birth_date: '1990-05-15',
	sex: 'male',
	citizenship: 'KZ',
	region_id: 'KZ-11',
	district_id: 'd1',
	registered_address: 'Ақкөл',
	actual_address: 'Ақкөл',
	phone: '+77012345678',
	email: null,
	military_service: 'none',
	health_category: null,
	notes: null,
	status: 'eligible',
	eligible: true,
	decision_version: 1,
	review_flag: false,
	enrolled_at: null,
	discharged_on: null,
	discharge_reason: null,
	created_at: '2026-11-22T03:00:00Z',
	updated_at: '2026-11-22T03:00:00Z',
	skills: [{ code: 'driver', licence_categories: ['B', 'C'], certificate_number: null, certificate_expiry: '2030-01-01' }]
};

describe('volunteer helpers', () => {
	it('writes names without an empty patronymic', () => {
		expect(fullName(volunteer)).toBe('Әлиханов Әлихан');
		expect(fullName({ ...volunteer, patronymic: 'Нұрланұлы' })).toBe('Әлиханов Әлихан Нұрланұлы');
	});
	it('offers enrolment to applicants, eligible and ineligible people (the backend decides)', () => {
		for (const status of ['applicant', 'eligible', 'ineligible'] as const) expect(canOfferEnrol({ ...volunteer, status })).toBe(true);
		for (const status of ['enrolled', 'discharged'] as const) expect(canOfferEnrol({ ...volunteer, status })).toBe(false);
	});
	it('colours statuses', () => {
		expect(statusBadge('enrolled')).toBe('ok-badge');
		expect(statusBadge('ineligible')).toBe('warn-badge');
		expect(statusBadge('applicant')).toBe('');
	});
	it('turns a record back into the input that saves it unchanged', () => {
		const input = toInput(volunteer);
		expect(input.birth_date).toBe('1990-05-15');
		expect(input.skills).toEqual(volunteer.skills);
		input.skills[0].licence_categories.push('D');
		expect(volunteer.skills[0].licence_categories).toEqual(['B', 'C']);
		expect(emptyInput().citizenship).toBe('KZ');
	});
	it('keeps filters per user and inside a scope', () => {
		listFilters.claim({ user_id: 'a', region_id: null, district_id: null });
		listFilters.q = 'әлихан';
		listFilters.regionId = 'KZ-75';
		listFilters.claim({ user_id: 'a', region_id: null, district_id: null });
		expect(listFilters.q).toBe('әлихан');
		listFilters.claim({ user_id: 'b', region_id: 'KZ-11', district_id: 'd1' });
		expect(listFilters.q).toBe('');
		expect(listFilters.regionId).toBe('KZ-11');
		expect(listFilters.districtId).toBe('d1');
	});
});
