// The audit log's action and entity codes in words. The core writes stable codes
// (`volunteer.create`, `session`); an administrator reads them in their own language. The
// lists are checked against the Rust sources and the catalogues (i18n/catalogues.test.ts), and
// a code the UI does not know yet is shown as it is rather than hidden.
import type { Translate } from './messages';

/** Every action the core records (`audit.act.<code>` in the catalogues). */
export const AUDIT_ACTIONS = [
	'activation.activate', 'activation.after_action_export', 'activation.answer',
	'activation.callout_sheet', 'activation.close', 'activation.contact', 'activation.declare',
	'activation.merge_sheet', 'activation.undo', 'asset.add', 'asset.appraise', 'asset.basis',
	'asset.claim_appeal', 'asset.claim_decide', 'asset.claim_file', 'asset.document',
	'asset.file_attach', 'asset.loss', 'asset.owner_add', 'asset.pay', 'asset.requisition',
	'asset.return', 'assignment.bulk_transfer', 'assignment.end', 'assignment.start',
	'assignment.transfer', 'audit.export', 'auth.session_expired', 'auth.sign_in',
	'auth.sign_in_failed', 'auth.sign_in_locked', 'auth.sign_in_refused_inactive', 'auth.sign_out',
	'district.add', 'district.rename', 'district.retire', 'duplicate.resolve', 'facility.create',
	'facility.update', 'facility_category.save', 'position.save', 'roster.assign',
	'roster.calendar_export', 'roster.export', 'roster.fill', 'roster.pin', 'roster.publish',
	'roster.schedule_export', 'roster.unassign', 'roster_limits.publish', 'roster_weights.publish',
	'rules.publish', 'settings.update', 'skill.save', 'unit.create', 'unit.disband',
	'unit.establishment', 'unit.members_export', 'unit.readiness_export', 'unit.update',
	'unit_kind.save', 'user.change_password', 'user.create', 'user.deactivate', 'user.reactivate',
	'user.reset_password', 'user.setup_first_admin', 'volunteer.create', 'volunteer.day_preferences',
	'volunteer.discharge', 'volunteer.enrol', 'volunteer.export', 'volunteer.generate',
	'volunteer.import', 'volunteer.reevaluate', 'volunteer.unavailability_declare',
	'volunteer.unavailability_remove', 'volunteer.update'
] as const;

/** Every kind of entity an audit entry names (`audit.kind.<code>` in the catalogues). */
export const AUDIT_KINDS = [
	'activation', 'asset', 'asset_owner', 'audit_log', 'district', 'duplicate_flag', 'facility',
	'facility_category', 'import', 'position', 'roster', 'roster_assignment', 'roster_limits',
	'roster_publication', 'roster_weights', 'rule_set', 'session', 'settings', 'skill', 'unit',
	'unit_bulk_transfer', 'unit_kind', 'user', 'volunteer'
] as const;

const KNOWN_ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
const KNOWN_KINDS: ReadonlySet<string> = new Set(AUDIT_KINDS);

/** An action in words, or its code when this version of the UI does not know it. */
export function auditActionName(t: Translate, code: string): string {
	return KNOWN_ACTIONS.has(code) ? t(`audit.act.${code}`) : code;
}

/** An entity kind in words, or its code when this version of the UI does not know it. */
export function auditKindName(t: Translate, code: string): string {
	return KNOWN_KINDS.has(code) ? t(`audit.kind.${code}`) : code;
}
