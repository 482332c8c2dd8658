// Generated from the Rust DTOs by tests/bindings.rs (`make bindings`). Do not edit.

export type ErrorCode = "validation" | "not_found" | "conflict" | "forbidden" | "unauthenticated" | "locked" | "internal";

export type FieldError = { field: string, rule: string, params: { [key in string]: string }, };

export type AppError = { code: ErrorCode, 
/**
 * Stable key for the UI's catalogue, e.g. `account_locked`, `out_of_scope`.
 */
reason: string, 
/**
 * English text for the CLI and logs.
 */
message: string, fields: Array<FieldError>, params: { [key in string]: string }, };

export type Role = "national_admin" | "regional_admin" | "district_operator" | "viewer";

export type AppStatus = { needs_setup: boolean, };

export type SessionInfo = { user_id: string, username: string, display_name: string, role: Role, region_id: string | null, district_id: string | null, must_change_password: boolean, idle_timeout_minutes: number, };

export type RegionKind = "oblast" | "city";

export type Region = { id: string, kind: RegionKind, name_kk: string, name_ru: string, name_en: string, };

export type District = { id: string, region_id: string, name_kk: string, name_ru: string, name_en: string | null, retired_at: string | null, created_at: string, };

export type UserView = { id: string, username: string, display_name: string, role: Role, region_id: string | null, district_id: string | null, active: boolean, must_change_password: boolean, 
/**
 * Set while sign-in is locked after repeated failures.
 */
locked_until: string | null, created_at: string, };

export type SetupInput = { username: string, display_name: string, password: string, };

export type SignInInput = { username: string, password: string, };

export type NewUser = { username: string, display_name: string, role: Role, region_id: string | null, district_id: string | null, 
/**
 * A temporary password: the user must change it at first sign-in.
 */
password: string, };

export type ChangePasswordInput = { current_password: string, new_password: string, };

export type ResetPasswordInput = { user_id: string, new_password: string, };

export type IdInput = { id: string, };

export type ListDistrictsInput = { region_id: string | null, include_retired: boolean, };

export type NewDistrict = { region_id: string, name_kk: string, name_ru: string, name_en: string | null, };

export type RenameDistrict = { id: string, name_kk: string, name_ru: string, name_en: string | null, };

export type AuditFilter = { action: string | null, entity_kind: string | null, 
/**
 * Username of the actor (exact, case-insensitive).
 */
actor: string | null, 
/**
 * Local (UTC+5) dates `yyyy-mm-dd`, inclusive.
 */
from: string | null, to: string | null, before_seq: number | null, limit: number, };

export type AuditEntry = { seq: number, id: string, at: string, actor_username: string | null, action: string, entity_kind: string, entity_id: string | null, region_id: string | null, district_id: string | null, before: string | null, after: string | null, };

export type AuditPage = { entries: Array<AuditEntry>, next_before_seq: number | null, };

export type Settings = { idle_timeout_minutes: number, };

export type IinInput = { iin: string, };

export type IinInfo = { iin: string, birth_date: string | null, sex: Sex | null, };

export type Sex = "male" | "female";

export type Status = "applicant" | "eligible" | "ineligible" | "enrolled" | "discharged";

export type MilitaryService = "none" | "conscript" | "contract" | "officer" | "reserve";

export type HealthCategory = "a" | "b" | "v" | "g" | "d";

export type SkillInput = { code: string, licence_categories: Array<string>, certificate_number: string | null, 
/**
 * `yyyy-mm-dd`
 */
certificate_expiry: string | null, };

export type VolunteerInput = { iin: string, surname: string, given_name: string, patronymic: string | null, 
/**
 * `yyyy-mm-dd`
 */
birth_date: string | null, sex: Sex | null, 
/**
 * ISO 3166-1 alpha-2 (`KZ`) or `stateless`.
 */
citizenship: string, region_id: string, district_id: string, registered_address: string, actual_address: string, phone: string, email: string | null, military_service: MilitaryService, health_category: HealthCategory | null, notes: string | null, skills: Array<SkillInput>, };

export type VolunteerSkill = { code: string, licence_categories: Array<string>, certificate_number: string | null, certificate_expiry: string | null, };

export type Volunteer = { id: string, iin: string, surname: string, given_name: string, patronymic: string | null, birth_date: string, sex: Sex, citizenship: string, region_id: string, district_id: string, registered_address: string, actual_address: string, phone: string, email: string | null, military_service: MilitaryService, health_category: HealthCategory | null, notes: string | null, status: Status, 
/**
 * The outcome of the latest eligibility decision.
 */
eligible: boolean, decision_version: number, 
/**
 * Set when an enrolled volunteer no longer meets the rules: a person must decide.
 */
review_flag: boolean, enrolled_at: string | null, discharged_on: string | null, discharge_reason: string | null, created_at: string, updated_at: string, skills: Array<VolunteerSkill>, };

export type UpdateVolunteer = { id: string, volunteer: VolunteerInput, };

export type EligibilityOutcome = "eligible" | "ineligible";

export type FailedRule = { code: string, params: { [key in string]: string }, };

export type Decision = { id: string, volunteer_id: string, rule_set_version: number, at: string, outcome: EligibilityOutcome, failed_rules: Array<FailedRule>, };

export type SaveOutcome = { volunteer: Volunteer, decision: Decision, warnings: Array<FieldError>, likely_duplicates: number, };

export type VolunteerDetail = { volunteer: Volunteer, decisions: Array<Decision>, history: Array<AuditEntry>, };

export type SortKey = "name" | "birth_date" | "registered";

export type VolunteerQuery = { 
/**
 * IIN prefix, or any part of a name in Cyrillic or Latin letters.
 */
q: string | null, region_id: string | null, district_id: string | null, status: Status | null, 
/**
 * Outcome of the latest eligibility decision.
 */
eligible: boolean | null, skill: string | null, age_min: number | null, age_max: number | null, 
/**
 * Local dates `yyyy-mm-dd`, inclusive.
 */
registered_from: string | null, registered_to: string | null, 
/**
 * Ignored when `q` is given: a query orders by its own index.
 */
sort: SortKey, descending: boolean, 
/**
 * `next_cursor` of the previous page.
 */
cursor: string | null, 
/**
 * 1..=200; 0 means 50.
 */
limit: number, 
/**
 * Count every match instead of stopping at [`TOTAL_CAP`] (slower on broad queries).
 */
exact_total: boolean, };

export type VolunteerRow = { id: string, iin: string, surname: string, given_name: string, patronymic: string | null, birth_date: string, sex: Sex, region_id: string, district_id: string, status: Status, eligible: boolean, review_flag: boolean, created_at: string, };

export type VolunteerPage = { rows: Array<VolunteerRow>, next_cursor: string | null, 
/**
 * Matching rows, exact when `total_capped` is false; otherwise "more than `total`".
 */
total: number, total_capped: boolean, };

export type DischargeInput = { id: string, 
/**
 * Local date `yyyy-mm-dd`; not in the future.
 */
date: string, reason: string, };

export type Skill = { code: string, name_kk: string, name_ru: string, name_en: string, 
/**
 * Whether the skill carries licence categories (drivers).
 */
has_licence: boolean, retired_at: string | null, };

export type SkillDraft = { code: string, name_kk: string, name_ru: string, name_en: string, has_licence: boolean, retired: boolean, };

export type DuplicateFlag = { id: string, created_at: string, first: VolunteerRow, second: VolunteerRow, resolved_at: string | null, resolved_by: string | null, };

export type RuleSet = { version: number, 
/**
 * Local date `yyyy-mm-dd`.
 */
effective_date: string, min_age: number, max_age: number, excluded_health: Array<HealthCategory>, published_at: string, published_by: string | null, };

export type NewRuleSet = { 
/**
 * Local date `yyyy-mm-dd`; not in the future, not before the current version's.
 */
effective_date: string, min_age: number, max_age: number, excluded_health: Array<HealthCategory>, };

export type StatusChange = { volunteer_id: string, surname: string, given_name: string, from: Status, to: Status, review_flag: boolean, failed_rules: Array<FailedRule>, };

export type PublishReport = { rule_set: RuleSet, evaluated: number, changes: Array<StatusChange>, };
