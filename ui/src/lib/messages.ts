// Turns backend errors and client problems into localised text.
import type { AppError, FieldError } from './bindings';
import { formatDateTime, formatLocalDate } from './datetime';
import type { Problem } from './validation';

/** The subset of svelte-i18n's formatter we use (pass `$_`). */
export type Translate = (
	id: string,
	options?: { values?: Record<string, string | number>; default?: string }
) => string;

/** Error reasons the UI has a message for, by error code. */
export const ERROR_REASONS = {
	unauthenticated: ['bad_credentials', 'session_expired', 'not_signed_in'],
	locked: ['account_locked'],
	forbidden: [
		'role',
		'out_of_scope',
		'last_national_admin',
		'password_change_required',
		'account_inactive',
		'setup_done',
		'self_scope',
		'not_eligible'
	],
	not_found: ['user', 'district', 'region', 'volunteer', 'duplicate_flag', 'owner', 'asset', 'appraisal', 'claim', 'file', 'unit', 'unavailability', 'activation', 'facility', 'post', 'roster_assignment'],
	conflict: [
		'username_taken',
		'district_name_taken',
		'district_retired',
		'iin_registered',
		'iin_registered_elsewhere',
		'already_enrolled',
		'discharged',
		'already_discharged',
		'already_resolved',
		// Requisitioned assets
		'not_requisitioned',
		'claim_exists',
		'claim_not_open',
		'not_decided',
		'under_appeal',
		'fully_paid',
		'already_requisitioned',
		'owner_registered',
		'owner_registered_elsewhere',
		'transferred_asset',
		'already_returned',
		'already_lost',
		// Units and assignments
		'not_enrolled',
		'already_assigned',
		'not_assigned',
		'skill_missing',
		'certificate_expired',
		'unit_disbanded',
		'unit_has_members',
		'unit_has_subunits',
		'same_assignment',
		'import_cancelled',
		// Rosters
		'roster_rule',
		'roster_changed',
		// Mobilisation call-outs
		'activation_not_draft',
		'activation_closed',
		'activation_not_active',
		'volunteer_excluded',
		'already_marked',
		'nothing_to_undo'
	],
	internal: ['internal', 'database_unavailable', 'newer_schema', 'not_a_database', 'save_failed'],
	validation: ['invalid']
} as const;

/** Field rules the UI has a message for (the backend's, plus the client's repeat check). */
export const FIELD_RULES = [
	'required',
	'too_long',
	'too_short',
	'password_too_short',
	'password_equals_username',
	'password_common',
	'username_format',
	'unknown_region',
	'unknown_district',
	'scope_required',
	'scope_not_allowed',
	'wrong_password',
	'out_of_range',
	'same_password',
	'mismatch',
	'username_taken',
	'district_name_taken',
	// Volunteers
	'iin_length',
	'iin_digits',
	'iin_check_digit',
	'bin_length',
	'bin_digits',
	'bin_check_digit',
	'bin_month',
	'iin_registered',
	'iin_registered_elsewhere',
	'name_format',
	'invalid_date',
	'date_future',
	'birth_date_future',
	'birth_date_implausible',
	'iin_birth_date_mismatch',
	'iin_sex_mismatch',
	'citizenship_format',
	'phone_format',
	'email',
	'district_retired',
	'district_region_mismatch',
	'out_of_scope',
	'too_many',
	'unknown_skill',
	'duplicate_skill',
	'licence_not_applicable',
	'licence_category',
	'skill_code_format',
	'effective_date_future',
	'effective_date_before_current',
	'invalid_cursor',
	// Requisitioned assets
	'before_intake',
	'before_previous_step',
	'below_paid',
	'cadastral_format',
	'email_format',
	'empty',
	'intake_before_order',
	'media_type_format',
	'negative',
	'no_use_rate',
	'not_numeric',
	'not_positive',
	'overflow',
	'overpayment',
	'too_large',
	'too_many_decimals',
	'vin_format',
	'owner_registered',
	'owner_registered_elsewhere',
	'unreadable',
	// Spreadsheet files
	'file_binary',
	'file_empty',
	'no_header',
	'row_too_long',
	'row_unreadable',
	'formula_cell',
	'merged_cells',
	'cell_error',
	'too_many_rows',
	// Units and assignments
	'before_current_start',
	'unknown_kind',
	'unknown_agency',
	'unknown_position',
	'parent_other_region',
	'parent_disbanded',
	'unit_cycle',
	'commander_not_enrolled',
	'unknown_volunteer',
	'unknown_unit',
	'ambiguous_unit',
	'duplicate_position',
	'establishment_too_large',
	'code_format',
	'target_required',
	'target_is_unit',
	'status_not_allowed',
	'region_fixed',
	'position_required',
	'unknown_iin',
	'duplicate_iin',
	'missing_column',
	// Imports
	'unknown_value',
	'mapping_twice',
	'mapping_no_iin',
	'iin_duplicate_in_file',
	'citizenship_stateless',
	'citizenship_foreign',
	// Rosters
	'unknown_category',
	'category_retired',
	'out_of_kazakhstan',
	'criticality_range',
	'unit_other_region',
	'unit_disbanded',
	'time_format',
	'shift_length_not_positive',
	'shift_longer_than_a_day',
	'pattern_empty',
	'guards_range',
	'date_format',
	'before_start',
	'more_guards_than_unit',
	'post_in_use',
	'unknown_post',
	'weekday_range',
	'preferred_and_undesired',
	// Declared unavailability
	'before_from_date',
	'period_too_long',
	// Mobilisation call-outs
	'not_in_activation',
	'invalid_datetime',
	'before_declared',
	'datetime_future',
	'units_only',
	'unknown_unit',
	'unknown_direction'
] as const;

/** Hard roster rules a manual change may break (`rosters.rule.<code>` in the catalogues). */
export const ROSTER_RULES = [
	'no_such_slot',
	'overstaffed',
	'not_eligible',
	'missing_skill',
	'unavailable',
	'twice_in_slot',
	'overlap',
	'rest',
	'weekly_hours',
	'consecutive_nights'
] as const;
const KNOWN_ROSTER_RULES: ReadonlySet<string> = new Set(ROSTER_RULES);

/** Codes of failed eligibility rules (`failed.<code>` in the catalogues). */
export const FAILED_RULES = [
	'citizenship_foreign',
	'citizenship_stateless',
	'below_min_age',
	'above_max_age',
	'health_excluded'
] as const;

const KNOWN_REASONS: ReadonlySet<string> = new Set(Object.values(ERROR_REASONS).flat());
const KNOWN_RULES: ReadonlySet<string> = new Set([...FIELD_RULES, 'repeat_mismatch']);
const KNOWN_FAILED: ReadonlySet<string> = new Set(FAILED_RULES);

/** Parameters as the reader wants them: times in UTC+5, dates dd.MM.yyyy, sex and health in words. */
function values(t: Translate, params: { [key in string]?: string }): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(params)) {
		if (v === undefined) continue;
		if (k === 'until' || k === 'at') out[k] = formatDateTime(v);
		else if (k === 'iin_birth_date' || k === 'current' || k === 'previous' || k.endsWith('_date')) out[k] = formatLocalDate(v);
		else if (k === 'iin_sex' && (v === 'male' || v === 'female')) out[k] = t(`sex.${v}`);
		else if (k === 'category' && /^[abvgd]$/.test(v)) out[k] = t(`health.${v}`);
		else if (k === 'citizenship') out[k] = countryName(t, v);
		else if (k === 'rule' && KNOWN_ROSTER_RULES.has(v)) out[k] = t(`rosters.rule.${v}`);
		else out[k] = v;
	}
	return out;
}

/** Common citizenships, by ISO 3166-1 alpha-2 (`country.<code>` in the catalogues). */
export const COUNTRIES = ['KZ', 'RU', 'UZ', 'KG', 'TJ', 'TM', 'CN', 'TR', 'BY', 'UA', 'AZ', 'GE', 'AM', 'MN', 'AF', 'IR', 'IN', 'DE', 'US', 'GB', 'KR'] as const;
const KNOWN_COUNTRIES: ReadonlySet<string> = new Set(COUNTRIES);

/** A citizenship code in words: a known country, "stateless", or the code itself. */
export function countryName(t: Translate, code: string): string {
	if (code === 'stateless') return t('country.stateless');
	return KNOWN_COUNTRIES.has(code) ? t(`country.${code}`) : code;
}

/** The localised sentence for a failed eligibility rule. */
export function failedRuleText(t: Translate, rule: { code: string; params: { [key in string]?: string } }): string {
	if (KNOWN_FAILED.has(rule.code)) return t(`failed.${rule.code}`, { values: values(t, rule.params) });
	return t('failed.unknown', { values: { code: rule.code } });
}

/** The localised sentence for a backend error. */
export function errorText(t: Translate, error: AppError): string {
	const vals = values(t, error.params);
	if (KNOWN_REASONS.has(error.reason)) return t(`error.${error.reason}`, { values: vals });
	if (error.code === 'internal') return t('error.internal');
	return t('error.unknown', { values: { reason: error.reason } });
}

/** The localised sentence for a field problem (client-side or from the backend). */
export function problemText(t: Translate, problem: Problem | FieldError): string {
	const rule = KNOWN_RULES.has(problem.rule) ? problem.rule : 'invalid';
	return t(`rule.${rule}`, { values: values(t, problem.params) });
}

/** The localised sentence for one row of a bulk transfer report: a field rule when it is one,
 * else the refusal the single transfer would have given (`not_enrolled`, `skill_missing`...). */
export function bulkRowText(
	t: Translate,
	row: { rule: string; params: { [key in string]?: string } }
): string {
	if (KNOWN_RULES.has(row.rule)) return problemText(t, { rule: row.rule, params: row.params });
	if (KNOWN_REASONS.has(row.rule)) return t(`error.${row.rule}`, { values: values(t, row.params) });
	return t('rule.invalid', { values: {} });
}
