// Turns backend errors and client problems into localised text.
import type { AppError, FieldError } from './bindings';
import { formatDateTime } from './datetime';
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
		'self_scope'
	],
	not_found: ['user', 'district', 'region'],
	conflict: ['username_taken', 'district_name_taken', 'district_retired'],
	internal: ['internal', 'database_unavailable', 'newer_schema', 'not_a_database'],
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
	'same_password'
] as const;

const KNOWN_REASONS: ReadonlySet<string> = new Set(Object.values(ERROR_REASONS).flat());
const KNOWN_RULES: ReadonlySet<string> = new Set([...FIELD_RULES, 'repeat_mismatch']);

function values(params: { [key in string]?: string }): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(params)) {
		if (v === undefined) continue;
		out[k] = k === 'until' || k === 'at' ? formatDateTime(v) : v;
	}
	return out;
}

/** The localised sentence for a backend error. */
export function errorText(t: Translate, error: AppError): string {
	const vals = values(error.params);
	if (KNOWN_REASONS.has(error.reason)) return t(`error.${error.reason}`, { values: vals });
	if (error.code === 'internal') return t('error.internal');
	return t('error.unknown', { values: { reason: error.reason } });
}

/** The localised sentence for a field problem (client-side or from the backend). */
export function problemText(t: Translate, problem: Problem | FieldError): string {
	const rule = KNOWN_RULES.has(problem.rule) ? problem.rule : 'invalid';
	return t(`rule.${rule}`, { values: values(problem.params) });
}
