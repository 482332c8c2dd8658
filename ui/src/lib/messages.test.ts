import { describe, expect, it } from 'vitest';
import { bulkRowText, countryName, errorText, failedRuleText, problemText, type Translate } from './messages';

const t: Translate = (id, options) => `${id}${options?.values ? JSON.stringify(options.values) : ''}`;

describe('messages', () => {
	it('formats lock times in UTC+5', () => {
		expect(
			errorText(t, { code: 'locked', reason: 'account_locked', message: '', fields: [], params: { until: '2026-03-01T19:30:00Z' } })
		).toBe('error.account_locked{"until":"02.03.2026 00:30"}');
	});
	it('falls back for unknown reasons', () => {
		expect(errorText(t, { code: 'conflict', reason: 'new_thing', message: '', fields: [], params: {} })).toBe(
			'error.unknown{"reason":"new_thing"}'
		);
		expect(errorText(t, { code: 'internal', reason: 'whatever', message: '', fields: [], params: {} })).toBe(
			'error.internal'
		);
	});
	it('maps rules', () => {
		expect(problemText(t, { rule: 'too_long', params: { max: '64' } })).toBe('rule.too_long{"max":"64"}');
		expect(problemText(t, { field: 'x', rule: 'brand_new', params: {} })).toBe('rule.invalid{}');
	});
});

describe('volunteer messages', () => {
	it('localises failed eligibility rules with their parameters', () => {
		expect(failedRuleText(t, { code: 'citizenship_stateless', params: {} })).toBe('failed.citizenship_stateless{}');
		expect(failedRuleText(t, { code: 'below_min_age', params: { min_age: '18', age: '17' } })).toBe(
			'failed.below_min_age{"min_age":"18","age":"17"}'
		);
		expect(failedRuleText(t, { code: 'citizenship_foreign', params: { citizenship: 'RU' } })).toBe(
			'failed.citizenship_foreign{"citizenship":"country.RU"}'
		);
		expect(failedRuleText(t, { code: 'health_excluded', params: { category: 'g' } })).toBe(
			'failed.health_excluded{"category":"health.g"}'
		);
		expect(failedRuleText(t, { code: 'brand_new', params: {} })).toBe('failed.unknown{"code":"brand_new"}');
	});
	it('shows IIN warnings in the reader’s terms', () => {
		expect(problemText(t, { field: 'birth_date', rule: 'iin_birth_date_mismatch', params: { iin_birth_date: '1990-05-15' } })).toBe(
			'rule.iin_birth_date_mismatch{"iin_birth_date":"15.05.1990"}'
		);
		expect(problemText(t, { field: 'sex', rule: 'iin_sex_mismatch', params: { iin_sex: 'female' } })).toBe(
			'rule.iin_sex_mismatch{"iin_sex":"sex.female"}'
		);
	});
	it('names citizenships', () => {
		expect(countryName(t, 'KZ')).toBe('country.KZ');
		expect(countryName(t, 'stateless')).toBe('country.stateless');
		expect(countryName(t, 'FR')).toBe('FR');
	});
	it('knows the volunteer refusals', () => {
		for (const reason of ['not_eligible', 'iin_registered', 'iin_registered_elsewhere', 'already_enrolled']) {
			expect(errorText(t, { code: 'conflict', reason, message: '', fields: [], params: {} })).toBe(`error.${reason}{}`);
		}
	});
});

describe('unit messages', () => {
	it('reads a bulk transfer row as a field rule or as the refusal it stands for', () => {
		expect(bulkRowText(t, { rule: 'unknown_iin', params: {} })).toBe('rule.unknown_iin{}');
		expect(bulkRowText(t, { rule: 'skill_missing', params: { skill: 'medic' } })).toBe('error.skill_missing{"skill":"medic"}');
		expect(bulkRowText(t, { rule: 'certificate_expired', params: { expiry_date: '2026-10-01' } })).toBe(
			'error.certificate_expired{"expiry_date":"01.10.2026"}'
		);
		expect(bulkRowText(t, { rule: 'brand_new', params: {} })).toBe('rule.invalid{}');
	});
});

describe('roster messages', () => {
	it('names the broken roster rule in words', () => {
		expect(errorText(t, { code: 'conflict', reason: 'roster_rule', message: '', fields: [], params: { rule: 'overlap' } })).toBe(
			'error.roster_rule{"rule":"rosters.rule.overlap"}'
		);
		expect(problemText(t, { field: 'posts', rule: 'more_guards_than_unit', params: { needed: '3', available: '2' } })).toBe(
			'rule.more_guards_than_unit{"needed":"3","available":"2"}'
		);
	});
});
