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

export type RegionInput = { region_id: string | null, };

export type OwnerKind = "citizen" | "organisation";

export type AssetKind = "building" | "premises" | "land" | "vehicle" | "special_machinery" | "equipment" | "fuel_supplies" | "other";

export type Mode = "temporary_use" | "transfer_of_ownership";

export type AssetStatus = "registered" | "held" | "returned" | "lost" | "transferred";

export type ClaimStatus = "filed" | "decided" | "appealed" | "partly_paid" | "paid";

export type LossKind = "destroyed" | "lost" | "consumed";

export type NewOwner = { kind: OwnerKind | null, iin: string | null, bin: string | null, surname: string | null, given_name: string | null, patronymic: string | null, org_name: string | null, contact_person: string | null, phone: string | null, email: string | null, address: string, region_id: string, district_id: string, };

export type Owner = { id: string, kind: OwnerKind, 
/**
 * The IIN of a citizen or the BIN of an organisation.
 */
ident: string, surname: string | null, given_name: string | null, patronymic: string | null, org_name: string | null, contact_person: string | null, phone: string | null, email: string | null, address: string, 
/**
 * "Surname Given Patronymic" or the organisation's name.
 */
display_name: string, region_id: string, district_id: string, created_at: string, };

export type NewAsset = { owner_id: string, kind: AssetKind, description: string, plate_number: string | null, vin: string | null, cadastral_number: string | null, serial_number: string | null, address: string, region_id: string, district_id: string, };

export type Asset = { id: string, owner_id: string, owner_name: string, kind: AssetKind, description: string, plate_number: string | null, vin: string | null, cadastral_number: string | null, serial_number: string | null, address: string, region_id: string, district_id: string, status: AssetStatus, created_at: string, };

export type RequisitionInput = { asset_id: string, number: string, order_date: string, legal_basis: string, authorising_official: string, approving_administration: string, receiving_unit: string, mode: Mode, intake_date: string, intake_condition: string, };

export type RequisitionOrder = { number: string, order_date: string, legal_basis: string, authorising_official: string, approving_administration: string, receiving_unit: string, mode: Mode, intake_date: string, intake_condition: string, created_at: string, };

export type AssetFile = { id: string, name: string, media_type: string, size: number, sha256: string, created_at: string, };

export type NewAppraisal = { asset_id: string, appraiser: string, method: string, valuation_date: string, market_value: number, use_rate_per_day: number | null, basis: boolean, basis_reason: string | null, };

export type Appraisal = { id: string, asset_id: string, appraiser: string, method: string, valuation_date: string, market_value: number, use_rate_per_day: number | null, is_basis: boolean, basis_reason: string | null, created_at: string, };

export type MarkBasisInput = { appraisal_id: string, reason: string, };

export type ReturnInput = { asset_id: string, returned_on: string, condition: string, 
/**
 * Appraised loss of value, tiyn (0 when returned as taken).
 */
loss_of_value: number, };

export type LossInput = { asset_id: string, kind: LossKind, lost_on: string, circumstances: string, };

export type Outcome = { "outcome": "returned", returned_on: string, condition: string, loss_of_value: number, } | { "outcome": "lost", kind: LossKind, lost_on: string, circumstances: string, };

export type FileClaimInput = { asset_id: string, filed_on: string, amount_claimed: number, document_number: string, };

export type DecideClaimInput = { claim_id: string, decided_on: string, amount_decided: number, document_number: string, };

export type AppealClaimInput = { claim_id: string, appealed_on: string, document_number: string, };

export type NewPayment = { claim_id: string, paid_on: string, amount: number, document_number: string, };

export type ClaimStep = { step: string, date: string, amount: number | null, document_number: string, };

export type Payment = { id: string, paid_on: string, amount: number, document_number: string, };

export type Claim = { id: string, asset_id: string, status: ClaimStatus, amount_claimed: number, amount_decided: number | null, amount_paid: number, steps: Array<ClaimStep>, payments: Array<Payment>, };

export type BreakdownLine = { key: string, value: number, unit: string, rule: string, };

export type CompensationBreakdown = { lines: Array<BreakdownLine>, owed: number | null, decided: number | null, paid: number, balance: number | null, 
/**
 * Days held (temporary use), both ends counted.
 */
days_held: number | null, missing: Array<string>, };

export type AssetDetail = { asset: Asset, owner: Owner, order: RequisitionOrder | null, files: Array<AssetFile>, appraisals: Array<Appraisal>, outcome: Outcome | null, claim: Claim | null, 
/**
 * The computation to date (`None` before the requisition order).
 */
compensation: CompensationBreakdown | null, 
/**
 * The rule key of a computation that could not be made (e.g. `overflow`).
 */
compensation_problem: string | null, 
/**
 * The local date the computation runs to (today while the asset is held).
 */
computed_on: string, history: Array<AuditEntry>, };

export type OwnerQuery = { 
/**
 * Part of the name or the start of the IIN/BIN (any case, any script).
 */
text: string | null, kind: OwnerKind | null, region_id: string | null, district_id: string | null, offset: number, 
/**
 * 1..=200; 0 means 50.
 */
limit: number, };

export type OwnerPage = { rows: Array<Owner>, total: number, };

export type AssetQuery = { region_id: string | null, district_id: string | null, status: AssetStatus | null, kind: AssetKind | null, owner_id: string | null, 
/**
 * Only assets whose balance (decided or owed, less paid) is above zero.
 */
unpaid_only: boolean, offset: number, limit: number, };

export type AssetRow = { asset: Asset, claim_status: ClaimStatus | null, owed: number | null, decided: number | null, paid: number, balance: number | null, };

export type AssetPage = { rows: Array<AssetRow>, total: number, };

export type ClaimQuery = { region_id: string | null, district_id: string | null, status: ClaimStatus | null, offset: number, limit: number, };

export type ClaimRow = { claim_id: string, asset: Asset, status: ClaimStatus, amount_claimed: number, amount_decided: number | null, amount_paid: number, balance: number | null, };

export type ClaimPage = { rows: Array<ClaimRow>, total: number, };

export type SummaryRow = { region_id: string, 
/**
 * Empty on a region's total row.
 */
district_id: string, held: number, returned: number, lost: number, transferred: number, owed: number, decided: number, paid: number, };

export type Summary = { districts: Array<SummaryRow>, regions: Array<SummaryRow>, total: SummaryRow, computed_on: string, };

export type ExportFormat = "csv" | "xlsx" | "pdf";

export type Lang = "kk" | "ru" | "en";

export type VolunteerExport = { 
/**
 * The list's filters; its cursor and page size are ignored (every match goes out).
 */
query: VolunteerQuery, format: ExportFormat, lang: Lang, };

export type AuditExport = { 
/**
 * The audit page's filters; `before_seq` and `limit` are ignored.
 */
filter: AuditFilter, format: ExportFormat, lang: Lang, };

export type ExportSummary = { format: ExportFormat, rows: number, 
/**
 * A name to offer in the save dialog: `volunteers-2026-11-22.xlsx`.
 */
file_name: string, };

export type SavedExport = { path: string, rows: number, };

export type UnitMembersExport = { unit_id: string, format: ExportFormat, lang: Lang, };

export type ReadinessTableExport = { query: ReadinessQuery, format: ExportFormat, lang: Lang, };

export type Direction = "russia" | "uzbekistan" | "china" | "kyrgyzstan" | "turkmenistan" | "interior";

export type UnitStatus = "cadre" | "forming" | "ready" | "deployed" | "disbanded";

export type Qualification = "ok" | "missing" | "expired" | "expiring";

export type Agency = { id: string, name_kk: string, name_ru: string, name_en: string, };

export type UnitKind = { code: string, name_kk: string, name_ru: string, name_en: string, 
/**
 * Order from the largest formation (1) down.
 */
rank: number, retired_at: string | null, };

export type Position = { code: string, name_kk: string, name_ru: string, name_en: string, 
/**
 * A skill code of the volunteer catalogue the holder must have.
 */
required_skill: string | null, 
/**
 * A command post: its vacancies are reported by readiness.
 */
command: boolean, retired_at: string | null, };

export type UnitCatalogues = { agencies: Array<Agency>, kinds: Array<UnitKind>, positions: Array<Position>, };

export type UnitKindDraft = { code: string, name_kk: string, name_ru: string, name_en: string, rank: number, retired: boolean, };

export type PositionDraft = { code: string, name_kk: string, name_ru: string, name_en: string, required_skill: string | null, command: boolean, retired: boolean, };

export type UnitInput = { name: string, kind: string, parent_id: string | null, agency_id: string, region_id: string, district_id: string | null, direction: Direction, 
/**
 * Any status but `disbanded` (see [`super::disband`]).
 */
status: UnitStatus, 
/**
 * An enrolled volunteer.
 */
commander_id: string | null, };

export type UpdateUnit = { id: string, name: string, kind: string, parent_id: string | null, agency_id: string, region_id: string, district_id: string | null, direction: Direction, 
/**
 * Any status but `disbanded` (see [`super::disband`]).
 */
status: UnitStatus, 
/**
 * An enrolled volunteer.
 */
commander_id: string | null, };

export type Unit = { id: string, name: string, kind: string, parent_id: string | null, agency_id: string, region_id: string, district_id: string | null, direction: Direction, status: UnitStatus, commander_id: string | null, commander_name: string | null, disbanded_on: string | null, created_at: string, updated_at: string, };

export type UnitQuery = { region_id: string | null, district_id: string | null, include_disbanded: boolean, };

export type UnitRow = { id: string, name: string, kind: string, parent_id: string | null, agency_id: string, region_id: string, district_id: string | null, direction: Direction, status: UnitStatus, commander_name: string | null, authorised: number, assigned: number, };

export type EstablishmentLine = { position: string, authorised: number, assigned: number, };

export type Member = { assignment_id: string, volunteer_id: string, iin: string, surname: string, given_name: string, patronymic: string | null, birth_date: string, age: number, position: string, start_date: string, qualification: Qualification, review_flag: boolean, };

export type UnitDetail = { unit: Unit, establishment: Array<EstablishmentLine>, members: Array<Member>, children: Array<UnitRow>, };

export type EstablishmentLineInput = { position: string, 
/**
 * Signed so that a negative number reaches validation and is refused by name.
 */
authorised: number, };

export type EstablishmentInput = { unit_id: string, lines: Array<EstablishmentLineInput>, };

export type DisbandChoice = "transfer" | "end";

export type DisbandInput = { id: string, 
/**
 * Local date `yyyy-mm-dd`, not in the future.
 */
date: string, reason: string, 
/**
 * Required when the unit has members.
 */
members: DisbandChoice | null, target_unit_id: string | null, };

export type DisbandReport = { unit: Unit, transferred: number, ended: number, };

export type AssignInput = { volunteer_id: string, unit_id: string, position: string, 
/**
 * Local date `yyyy-mm-dd`, not in the future.
 */
start_date: string, };

export type TransferInput = { volunteer_id: string, unit_id: string, position: string, 
/**
 * The day the current assignment ends and the next starts.
 */
date: string, reason: string, };

export type EndAssignmentInput = { volunteer_id: string, date: string, reason: string, };

export type Assignment = { id: string, volunteer_id: string, unit_id: string, unit_name: string, position: string, start_date: string, end_date: string | null, end_reason: string | null, created_at: string, };

export type ReadinessQuery = { region_id: string | null, agency_id: string | null, direction: Direction | null, };

export type PositionFill = { position: string, authorised: number, assigned: number, };

export type AgeBand = { 
/**
 * `18-24`, `25-34`, `35-44`, `45-54`, `55+`.
 */
band: string, count: number, };

export type ReadinessFigures = { units: number, authorised: number, assigned: number, 
/**
 * Sum over units and positions of min(assigned, authorised): surplus in one position does
 * not fill a vacancy in another.
 */
filled: number, 
/**
 * `filled` * 100 / `authorised`, one decimal; 0 when nothing is authorised.
 */
fill_percent: number, positions: Array<PositionFill>, qualification_missing: number, qualification_expired: number, qualification_expiring: number, age_bands: Array<AgeBand>, 
/**
 * Vacancies in command positions plus units without a commander.
 */
vacant_command: number, units_without_commander: number, };

export type ReadinessGroup = { 
/**
 * Region id, agency id or direction.
 */
key: string, figures: ReadinessFigures, };

export type UnitReadiness = { unit_id: string, name: string, kind: string, parent_id: string | null, region_id: string, agency_id: string, direction: Direction, status: UnitStatus, figures: ReadinessFigures, };

export type Readiness = { 
/**
 * The local date ages and expiries are counted on.
 */
as_of: string, total: ReadinessFigures, by_region: Array<ReadinessGroup>, by_agency: Array<ReadinessGroup>, by_direction: Array<ReadinessGroup>, 
/**
 * Every unit of the query when it names a region or the actor's scope is a region or
 * district; empty for the national view (which shows the groups).
 */
units: Array<UnitReadiness>, };

export type BulkRow = { row: number, iin: string, 
/**
 * A unit id, or the exact name of a unit unique in the actor's scope.
 */
unit: string, position: string | null, };

export type BulkRowError = { row: number, iin: string | null, 
/**
 * `iin`, `unit`, `position`, `date` or `file`.
 */
field: string, rule: string, params: { [key in string]: string }, };

export type BulkTransferInput = { file_name: string, content: Array<number>, reason: string, 
/**
 * Local date `yyyy-mm-dd`, not in the future.
 */
date: string, };

export type BulkTransferReport = { rows: number, 
/**
 * Rows that move (or would move) a volunteer.
 */
moves: number, applied: boolean, errors: Array<BulkRowError>, };

export type UnitEventKind = "joined" | "transferred_in" | "left" | "transferred_out";

export type UnitEvent = { 
/**
 * Local date `yyyy-mm-dd` the member joined or left.
 */
date: string, kind: UnitEventKind, assignment_id: string, volunteer_id: string, surname: string, given_name: string, patronymic: string | null, position: string, 
/**
 * Why the member left, or why they were moved here.
 */
reason: string | null, 
/**
 * The unit they came from or went to, on a transfer.
 */
other_unit_id: string | null, other_unit_name: string | null, };

export type Format = { "kind": "csv", encoding: string, bom: boolean, delimiter: string, } | { "kind": "xlsx" } | { "kind": "xls" };

export type ImportMode = "all_or_nothing" | "valid_only";

export type ImportOptions = { mode: ImportMode, 
/**
 * Update records whose IIN is already registered (in scope) instead of refusing the row.
 */
update_existing: boolean, 
/**
 * A field key (or nothing) per column; `None` takes the proposed mapping.
 */
mapping: Array<string | null> | null, };

export type ColumnMapping = { 
/**
 * The column's letters (`A`, `B`...).
 */
column: string, header: string, field: string | null, };

export type RowOutcome = "create" | "update" | "unchanged" | "refused";

export type RowProblem = { row: number, column: string | null, header: string | null, field: string, rule: string, params: { [key in string]: string }, };

export type PreviewRow = { row: number, cells: Array<string>, outcome: RowOutcome, problems: Array<RowProblem>, };

export type ImportPreview = { file_name: string, format: Format, header_row: number, columns: Array<ColumnMapping>, 
/**
 * Every field key a column may be mapped to.
 */
fields: Array<string>, rows: Array<PreviewRow>, };

export type RefusedRow = { row: number, cells: Array<string>, };

export type ImportReport = { import_id: string | null, committed: boolean, file_name: string, sha256: string, mode: ImportMode, update_existing: boolean, rows_read: number, created: number, updated: number, unchanged: number, refused: number, header: Array<string>, 
/**
 * The first [`MAX_PROBLEMS`] problems, by row.
 */
problems: Array<RowProblem>, refused_rows: Array<RefusedRow>, problems_truncated: boolean, };

export type ImportStep = "rows" | "indexes" | "search" | "duplicates" | "saving";

export type ImportProgress = { step: ImportStep, rows: number, rows_per_second: number, seconds_left: number | null, fraction: number, };

export type ReportFormat = "csv" | "xlsx";

export type ReportRow = { row: number, cells: Array<string>, 
/**
 * What is wrong with the row, in the reader's language.
 */
errors: string, };

export type ErrorReport = { header: Array<string>, 
/**
 * The title of the explanation column ("Ошибки", "Errors"...).
 */
errors_title: string, rows: Array<ReportRow>, };

export type SaveReportInput = { format: ReportFormat, report: ErrorReport, };

export type FacilityCategory = { code: string, name_kk: string, name_ru: string, name_en: string, retired_at: string | null, };

export type PatternKind = "three_eights" | "two_twelves" | "day_on_three_off" | "custom";

export type CustomShift = { start: string, minutes: number, };

export type PatternInput = { kind: PatternKind, 
/**
 * First start `HH:MM` for the fixed kinds.
 */
start: string | null, custom: Array<CustomShift>, };

export type PostInput = { 
/**
 * Set to edit an existing post; absent for a new one.
 */
id: string | null, name: string, guards_per_shift: number, required_skill: string | null, active_from: string, active_until: string, };

export type FacilityInput = { 
/**
 * Set to edit; absent to create.
 */
id: string | null, name: string, category: string, owner_bin: string | null, owner_name: string | null, own_protection_plan: boolean, region_id: string, district_id: string, address: string, latitude: number | null, longitude: number | null, criticality: number, responsible_unit_id: string, pattern: PatternInput, posts: Array<PostInput>, };

export type FacilityPost = { id: string, name: string, guards_per_shift: number, required_skill: string | null, active_from: string, active_until: string, };

export type Facility = { id: string, name: string, category: string, owner_bin: string | null, owner_name: string | null, own_protection_plan: boolean, region_id: string, district_id: string, address: string, latitude: number | null, longitude: number | null, criticality: number, responsible_unit_id: string, responsible_unit_name: string, pattern: PatternInput, posts: Array<FacilityPost>, created_at: string, updated_at: string, };

export type FacilityRow = { id: string, name: string, category: string, region_id: string, district_id: string, criticality: number, responsible_unit_name: string, posts: number, };

export type FacilityQuery = { region_id: string | null, district_id: string | null, };

export type LimitsInput = { region_id: string, effective_date: string, min_rest_hours: number, max_hours_7d: number, max_consecutive_nights: number, };

export type LimitsVersion = { 
/**
 * `None` for the built-in defaults (no version published for the region yet).
 */
version: number | null, region_id: string, effective_date: string | null, min_rest_hours: number, max_hours_7d: number, max_consecutive_nights: number, published_by: string | null, };

export type WeightsDto = { uncovered: number, fairness: number, undesired_day: number, not_preferred_day: number, post_change: number, away_from_home: number, };

export type WeightsInput = { 
/**
 * The region the version applies to; `None` for the national version.
 */
region_id: string | null, effective_date: string, weights: WeightsDto, };

export type WeightsVersion = { 
/**
 * `None` for the built-in defaults.
 */
version: number | null, 
/**
 * `None` for a national version (and the defaults).
 */
region_id: string | null, effective_date: string | null, weights: WeightsDto, published_by: string | null, };

export type DayPreferencesInput = { volunteer_id: string, 
/**
 * 0 = Monday .. 6 = Sunday.
 */
preferred: Array<number>, undesired: Array<number>, };

export type DayPreferences = { volunteer_id: string, 
/**
 * 0 = Monday .. 6 = Sunday, ascending.
 */
preferred: Array<number>, undesired: Array<number>, };

export type UnitRosterQuery = { unit_id: string, 
/**
 * First local date `yyyy-mm-dd`.
 */
from: string, days: number, };

export type UnitRosterShift = { assignment_id: string, facility_id: string, facility_name: string, post_name: string, 
/**
 * UTC instants.
 */
start: string, end: string, 
/**
 * The local (UTC+5) date the shift starts on, and its local times.
 */
local_date: string, local_start: string, local_end: string, pinned: boolean, };

export type UnitRosterGuard = { volunteer_id: string, name: string, 
/**
 * The (sub-)unit the guard serves in now; `None` for a guard outside the tree standing one
 * of its facilities (a member of the parent unit, or one transferred away since).
 */
unit_name: string | null, 
/**
 * Hours of the shifts shown, rounded down.
 */
hours: number, shifts: Array<UnitRosterShift>, };

export type UnitRosterFacility = { id: string, name: string, 
/**
 * The unit of the tree responsible for it.
 */
unit_name: string, };

export type UnitRosterView = { unit_id: string, unit_name: string, 
/**
 * The local dates of the period, in order.
 */
dates: Array<string>, facilities: Array<UnitRosterFacility>, 
/**
 * The tree's members first (by name), then others with shifts at its facilities.
 */
guards: Array<UnitRosterGuard>, };

export type RosterQuery = { facility_id: string, 
/**
 * First local date `yyyy-mm-dd`.
 */
from: string, days: number, };

export type RosterShift = { 
/**
 * UTC instants, the shift's identity.
 */
start: string, end: string, 
/**
 * Local (UTC+5) date and times for display.
 */
local_date: string, local_start: string, local_end: string, };

export type RosterSeat = { assignment_id: string, volunteer_id: string, name: string, pinned: boolean, };

export type GapView = { missing: number, 
/**
 * A `GapReason` in snake case (`no_skill`, `weekly_hours`, ...).
 */
reason: string, 
/**
 * How many candidates each rule blocks.
 */
blocked: Array<[string, number]>, };

export type RosterCell = { post_id: string, shift_start: string, need: number, seats: Array<RosterSeat>, gap: GapView | null, };

export type RosterChange = { 
/**
 * `added` or `removed` since the latest publication.
 */
kind: string, post_id: string, shift_start: string, volunteer_id: string, name: string, };

export type Publication = { version: number, from_date: string, to_date: string, published_at: string, published_by: string, changes: Array<RosterChange>, };

export type RosterView = { facility: Facility, shifts: Array<RosterShift>, cells: Array<RosterCell>, publication: Publication | null, };

export type SeatInput = { post_id: string, shift_start: string, volunteer_id: string, pinned: boolean, };

export type CandidateQuery = { post_id: string, shift_start: string, search: string, };

export type Candidate = { volunteer_id: string, name: string, refused_by: string | null, };

export type PublishInput = { facility_id: string, from: string, days: number, };

export type PinInput = { assignment_id: string, pinned: boolean, };

export type FillInput = { 
/**
 * These facilities; empty for every facility of the scope below (or the actor's).
 */
facility_ids: Array<string>, region_id: string | null, district_id: string | null, from: string, days: number, 
/**
 * Also move unpinned seats already on the roster.
 */
reoptimise: boolean, 
/**
 * Search time for the whole fill, seconds (default 30, at most 600).
 */
time_limit_secs: number | null, };

export type FillProgress = { 
/**
 * 1-based index of the region being solved, of `regions`.
 */
region: number, regions: number, iterations: number, uncovered_seats: number, objective: number, elapsed_ms: number, };

export type FillGap = { facility_id: string, post_id: string, shift_start: string, shift_end: string, missing: number, reason: string, blocked: Array<[string, number]>, };

export type FillReport = { facilities: number, added: number, removed: number, uncovered_seats: number, objective: number, 
/**
 * Stopped (or out of time) before the search finished: the best roster found is kept.
 */
interrupted: boolean, elapsed_ms: number, gaps: Array<FillGap>, };

export type RosterExport = { query: RosterQuery, lang: Lang, };

export type VolunteerCalendarExport = { volunteer_id: string, 
/**
 * First local date `yyyy-mm-dd`.
 */
from: string, days: number, };

export type ScheduleExport = { period: VolunteerCalendarExport, lang: Lang, };

export type UnavailabilityKind = "leave" | "illness" | "work" | "other";

export type UnavailabilityInput = { volunteer_id: string, 
/**
 * Local dates `yyyy-mm-dd`, inclusive.
 */
from_date: string, to_date: string, kind: UnavailabilityKind, note: string | null, };

export type Unavailability = { id: string, volunteer_id: string, from_date: string, to_date: string, kind: UnavailabilityKind, note: string | null, created_at: string, created_by: string, };

export type ActivationKind = "exercise" | "emergency" | "martial_law";

export type ActivationStatus = "draft" | "active" | "closed";

export type Exclusion = "ineligible" | "discharged" | "unavailable";

export type Response = "pending" | "will_report" | "reported" | "excused" | "not_reached" | "absent";

export type Channel = "phone" | "sms" | "messenger" | "in_person" | "courier";

export type ContactOutcome = "reached" | "no_answer" | "wrong_number" | "refused";

export type Activation = { id: string, kind: ActivationKind, legal_basis: string, order_number: string, 
/**
 * UTC instant.
 */
declared_at: string, 
/**
 * The declaring regional administrator's region; `None` for a national activation.
 */
region_id: string | null, assembly_point: string, report_by: string, status: ActivationStatus, created_at: string, created_by: string, activated_at: string | null, closed_at: string | null, };

export type CallRow = { volunteer_id: string, iin: string, surname: string, given_name: string, patronymic: string | null, phone: string, registered_address: string, actual_address: string, region_id: string, district_id: string, unit_id: string, unit_name: string, position: string, excluded: Exclusion | null, exclusion_detail: string | null, reached: boolean, response: Response, reported_at: string | null, reason: string | null, };

export type ScopeKind = "unit" | "region" | "direction";

export type ScopeItem = { kind: ScopeKind, value: string, assembly_point: string | null, 
/**
 * Local (UTC+5) `yyyy-mm-dd HH:MM`.
 */
report_by: string | null, };

export type ActivationInput = { kind: ActivationKind, legal_basis: string, order_number: string, 
/**
 * Local (UTC+5) `yyyy-mm-dd HH:MM`.
 */
declared_at: string, assembly_point: string, 
/**
 * Local (UTC+5) `yyyy-mm-dd HH:MM`; not before `declared_at`.
 */
report_by: string, scope: Array<ScopeItem>, };

export type ActivationReport = { activation: Activation, units: number, called: number, ineligible: number, discharged: number, unavailable: number, };

export type ActivationUnit = { unit_id: string, unit_name: string, region_id: string, district_id: string | null, direction: string, assembly_point: string, report_by: string, };

export type StoredScope = { kind: string, value: string, 
/**
 * The unit's name when the item is a unit.
 */
name: string | null, assembly_point: string | null, report_by: string | null, };

export type ActivationDetail = { activation: Activation, scope: Array<StoredScope>, 
/**
 * The units reached (in the actor's region for regional users); empty for a draft.
 */
units: Array<ActivationUnit>, };

export type CallListQuery = { activation_id: string, unit_id: string | null, district_id: string | null, 
/**
 * IIN prefix; or the start of the surname, then optionally of the given name, folded as
 * the registry search folds (any case, ё as е, Kazakh and Russian); or the start of the
 * surname in Latin letters (passport transliteration).
 */
q: string | null, 
/**
 * `true`: only those listed apart; `false`: only those called; `None`: everyone.
 */
excluded: boolean | null, limit: number | null, };

export type MarkInput = { activation_id: string, volunteer_id: string | null, iin: string | null, response: Response, 
/**
 * Local (UTC+5) time the volunteer reported; `None`: now. Only for `reported`.
 */
reported_at: string | null, 
/**
 * Why excused (required for `excused`), or a note.
 */
reason: string | null, };

export type ContactInput = { activation_id: string, volunteer_id: string, 
/**
 * Local (UTC+5) time of the attempt; `None`: now.
 */
at: string | null, channel: Channel, outcome: ContactOutcome, note: string | null, };

export type UndoInput = { activation_id: string, 
/**
 * Undo the latest answer on this volunteer's row; `None`: the actor's own latest answer
 * in this activation (the desk's "undo the last mark").
 */
volunteer_id: string | null, };

export type UndoReport = { 
/**
 * The answer that was undone.
 */
undone: Response, 
/**
 * The row as it stands now.
 */
row: CallRow, };

export type MergeSheetInput = { activation_id: string, content: Array<number>, };

export type MergeRowError = { row: number, iin: string, field: string, rule: string, params: { [key in string]: string }, };

export type MergeReport = { 
/**
 * True when the sheet was clean and its answers were written.
 */
applied: boolean, rows: number, 
/**
 * Answers written (new or changed).
 */
written: number, 
/**
 * Rows whose answer the activation already held.
 */
unchanged: number, errors: Array<MergeRowError>, };

export type FigureGroup = "unit" | "region" | "direction";

export type FigureQuery = { activation_id: string, group: FigureGroup, 
/**
 * Only this region's rows (within the actor's scope anyway).
 */
region_id: string | null, 
/**
 * Units whose reported strength is below this share of their establishment, in percent
 * (default 70).
 */
threshold_percent: number | null, };

export type FigureRow = { 
/**
 * Unit id, region code or direction code.
 */
key: string, 
/**
 * The unit's name; for regions and directions the code again (the UI names them).
 */
name: string, called: number, reached: number, will_report: number, reported: number, excused: number, not_reached: number, absent: number, pending: number, 
/**
 * Listed apart: ineligible, discharged or on declared unavailability.
 */
listed_apart: number, 
/**
 * Authorised strength of the units counted.
 */
authorised: number, };

export type PositionStrength = { position: string, authorised: number, called: number, reported: number, };

export type SeriesPoint = { 
/**
 * Start of the hour (UTC instant).
 */
at: string, 
/**
 * Reported by the end of that hour.
 */
reported: number, };

export type Figures = { activation_id: string, status: ActivationStatus, groups: Array<FigureRow>, total: FigureRow, positions: Array<PositionStrength>, series: Array<SeriesPoint>, threshold_percent: number, below_threshold: Array<FigureRow>, };

export type SheetFormat = "xlsx" | "pdf";

export type SheetQuery = { activation_id: string, district_id: string | null, unit_id: string | null, format: SheetFormat, lang: Lang, };

export type AfterActionExport = { activation_id: string, format: SheetFormat, lang: Lang, };
