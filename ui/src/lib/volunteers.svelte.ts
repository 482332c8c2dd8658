// Shared pieces of the volunteer screens: the skills catalogue, names and badges, and the
// list's filters (kept while the user opens a record and comes back).
import { api } from './api';
import type { Skill, SortKey, Status, VolunteerInput, VolunteerRow, Volunteer } from './bindings';
import { asLang } from './names';

export const STATUSES: readonly Status[] = ['applicant', 'eligible', 'ineligible', 'enrolled', 'discharged'];
export const MILITARY = ['none', 'conscript', 'contract', 'officer', 'reserve'] as const;
export const HEALTH = ['a', 'b', 'v', 'g', 'd'] as const;
export const LICENCE_CATEGORIES = ['A', 'A1', 'B', 'B1', 'BE', 'C', 'C1', 'CE', 'C1E', 'D', 'D1', 'DE', 'D1E', 'TM', 'TB'] as const;

class SkillCatalogue {
	skills = $state<Skill[]>([]);
	private pending: Promise<Skill[]> | null = null;

	load(force = false): Promise<Skill[]> {
		if (!force && this.skills.length > 0) return Promise.resolve(this.skills);
		this.pending ??= api
			.listSkills()
			.then((s) => {
				this.skills = s;
				return s;
			})
			.finally(() => {
				this.pending = null;
			});
		return this.pending;
	}

	find(code: string): Skill | undefined {
		return this.skills.find((s) => s.code === code);
	}
}

export const skillCatalogue = new SkillCatalogue();

export function skillName(skill: Skill | undefined, code: string, locale: string | null | undefined): string {
	if (!skill) return code;
	const lang = asLang(locale);
	return lang === 'kk' ? skill.name_kk : lang === 'en' ? skill.name_en : skill.name_ru;
}

/** Surname, given name and patronymic, as written in the registry. */
export function fullName(v: Pick<VolunteerRow, 'surname' | 'given_name' | 'patronymic'>): string {
	return [v.surname, v.given_name, v.patronymic].filter((x) => x && x.trim() !== '').join(' ');
}

export function statusBadge(status: Status): string {
	switch (status) {
		case 'eligible':
		case 'enrolled':
			return 'ok-badge';
		case 'ineligible':
			return 'warn-badge';
		case 'discharged':
			return 'muted-badge';
		default:
			return '';
	}
}

/** Enrolment is offered for these; the backend refuses ineligible people itself. */
export const canOfferEnrol = (v: Volunteer) =>
	v.status === 'applicant' || v.status === 'eligible' || v.status === 'ineligible';

/** The list's query inputs, as typed. */
class ListFilters {
	q = $state('');
	regionId = $state('');
	districtId = $state('');
	status = $state<Status | ''>('');
	eligible = $state<'' | 'yes' | 'no'>('');
	skill = $state('');
	ageMin = $state('');
	ageMax = $state('');
	registeredFrom = $state('');
	registeredTo = $state('');
	sort = $state<SortKey>('registered');
	descending = $state(true);
	/** Whose filters these are: another user starts afresh. */
	owner: string | null = null;

	/** Starts afresh for another user; a user with a scope always searches inside it. */
	claim(user: { user_id: string; region_id: string | null; district_id: string | null }): void {
		if (this.owner !== user.user_id) {
			this.owner = user.user_id;
			this.clear();
			this.regionId = '';
			this.sort = 'registered';
			this.descending = true;
		}
		if (user.region_id) this.regionId = user.region_id;
		if (user.district_id) this.districtId = user.district_id;
	}

	clear(): void {
		this.q = '';
		this.districtId = '';
		this.status = '';
		this.eligible = '';
		this.skill = '';
		this.ageMin = '';
		this.ageMax = '';
		this.registeredFrom = '';
		this.registeredTo = '';
	}
}

export const listFilters = new ListFilters();

/** A form's empty volunteer (no region or district chosen yet). */
export function emptyInput(): VolunteerInput {
	return {
		iin: '',
		surname: '',
		given_name: '',
		patronymic: null,
		birth_date: null,
		sex: null,
		citizenship: 'KZ',
		region_id: '',
		district_id: '',
		registered_address: '',
		actual_address: '',
		phone: '',
		email: null,
		military_service: 'none',
		health_category: null,
		notes: null,
		skills: []
	};
}

/** A volunteer as the input that reproduces it (for editing). */
export function toInput(v: Volunteer): VolunteerInput {
	return {
		iin: v.iin,
		surname: v.surname,
		given_name: v.given_name,
		patronymic: v.patronymic,
		birth_date: v.birth_date,
		sex: v.sex,
		citizenship: v.citizenship,
		region_id: v.region_id,
		district_id: v.district_id,
		registered_address: v.registered_address,
		actual_address: v.actual_address,
		phone: v.phone,
		email: v.email,
		military_service: v.military_service,
		health_category: v.health_category,
		notes: v.notes,
		skills: v.skills.map((s) => ({ ...s, licence_categories: [...s.licence_categories] }))
	};
}

/** Saved-outcome notes handed from the form to the detail page. */
class Handover {
	outcome = $state<{ id: string; warnings: import('./bindings').FieldError[]; duplicates: number; created: boolean } | null>(null);
}
export const handover = new Handover();
