// The only module that talks to the Tauri core. Every command is wrapped so that a
// rejected call becomes an `ApiError` carrying a well-formed `AppError`.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
	BulkTransferInput,
	BulkTransferReport,
	AssignInput,
	Assignment,
	DisbandInput,
	DisbandReport,
	EndAssignmentInput,
	EstablishmentInput,
	Member,
	Position,
	PositionDraft,
	Readiness,
	ReadinessQuery,
	TransferInput,
	Unit,
	UnitCatalogues,
	UnitDetail,
	UnitEvent,
	UnitInput,
	UnitKind,
	UnitKindDraft,
	UnitQuery,
	UnitRow,
	UpdateUnit,
	AppealClaimInput,
	AuditExport,
	ReadinessTableExport,
	SavedExport,
	UnitMembersExport,
	VolunteerExport,
	AppError,
	AppStatus,
	Appraisal,
	Asset,
	AssetDetail,
	AssetFile,
	AssetPage,
	AssetQuery,
	Claim,
	ClaimPage,
	ClaimQuery,
	DecideClaimInput,
	FileClaimInput,
	LossInput,
	MarkBasisInput,
	NewAppraisal,
	NewAsset,
	NewOwner,
	NewPayment,
	Outcome,
	Owner,
	OwnerPage,
	OwnerQuery,
	RegionInput,
	RequisitionInput,
	RequisitionOrder,
	ReturnInput,
	Summary,
	AuditFilter,
	ImportOptions,
	ImportPreview,
	ImportProgress,
	ImportReport,
	SaveReportInput,
	AuditPage,
	ChangePasswordInput,
	DischargeInput,
	District,
	DuplicateFlag,
	ErrorCode,
	FieldError,
	IdInput,
	IinInfo,
	IinInput,
	ListDistrictsInput,
	NewDistrict,
	NewRuleSet,
	NewUser,
	PublishReport,
	Region,
	RenameDistrict,
	ResetPasswordInput,
	RuleSet,
	SaveOutcome,
	SessionInfo,
	Settings,
	SetupInput,
	SignInInput,
	Skill,
	SkillDraft,
	UpdateVolunteer,
	UserView,
	Volunteer,
	VolunteerDetail,
	VolunteerInput,
	VolunteerPage,
	VolunteerQuery,
	Unavailability,
	UnavailabilityInput,
	Activation,
	ActivationDetail,
	ActivationInput,
	ActivationReport,
	AfterActionExport,
	CallListQuery,
	CallRow,
	ContactInput,
	FigureQuery,
	Figures,
	MarkInput,
	MergeReport,
	MergeSheetInput,
	SheetQuery,
	UndoInput,
	UndoReport
} from './bindings';
import type {
	Candidate,
	CandidateQuery,
	DayPreferences,
	DayPreferencesInput,
	UnitRosterQuery,
	UnitRosterView,
	WeightsInput,
	WeightsVersion,
	Facility,
	FacilityCategory,
	FacilityInput,
	FacilityQuery,
	FacilityRow,
	FillInput,
	FillProgress,
	FillReport,
	LimitsInput,
	LimitsVersion,
	PinInput,
	Publication,
	PublishInput,
	RosterExport,
	RosterQuery,
	RosterSeat,
	RosterView,
	ScheduleExport,
	SeatInput,
	VolunteerCalendarExport
} from './bindings';

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
	'validation',
	'not_found',
	'conflict',
	'forbidden',
	'unauthenticated',
	'locked',
	'internal'
]);

/** A rejected command, carrying the backend's `AppError`. */
export class ApiError extends Error {
	readonly error: AppError;

	constructor(error: AppError) {
		super(error.message || `${error.code}: ${error.reason}`);
		this.name = 'ApiError';
		this.error = error;
	}

	get code(): ErrorCode {
		return this.error.code;
	}

	get reason(): string {
		return this.error.reason;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringParams(value: unknown): FieldError['params'] {
	const out: Record<string, string> = {};
	if (!isRecord(value)) return out;
	for (const [k, v] of Object.entries(value)) {
		if (typeof v === 'string') out[k] = v;
		else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
	}
	return out;
}

function fieldErrors(value: unknown): FieldError[] {
	if (!Array.isArray(value)) return [];
	const out: FieldError[] = [];
	for (const item of value) {
		if (isRecord(item) && typeof item.field === 'string' && typeof item.rule === 'string') {
			out.push({ field: item.field, rule: item.rule, params: stringParams(item.params) });
		}
	}
	return out;
}

/** True when `value` has the shape of an `AppError` (code and reason at least). */
export function isAppError(value: unknown): value is AppError {
	return (
		isRecord(value) &&
		typeof value.code === 'string' &&
		ERROR_CODES.has(value.code) &&
		typeof value.reason === 'string'
	);
}

function internal(message: string): AppError {
	return { code: 'internal', reason: 'internal', message, fields: [], params: {} };
}

/** Turns whatever a rejected `invoke` produced into a well-formed `AppError`. */
export function toAppError(raw: unknown): AppError {
	if (raw instanceof ApiError) return raw.error;
	let value = raw;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return internal(raw as string);
		}
	}
	if (isAppError(value)) {
		return {
			code: value.code,
			reason: value.reason,
			message: typeof value.message === 'string' ? value.message : '',
			fields: fieldErrors(value.fields),
			params: stringParams(value.params)
		};
	}
	if (value instanceof Error) return internal(value.message);
	if (typeof raw === 'string') return internal(raw);
	return internal('');
}

type RejectionListener = (error: AppError, command: string) => void;
const rejectionListeners = new Set<RejectionListener>();

/**
 * Called whenever any command rejects (before the caller sees the error), so the app can
 * react to session-wide conditions such as `unauthenticated`. Returns an unsubscribe.
 */
export function onRejected(listener: RejectionListener): () => void {
	rejectionListeners.add(listener);
	return () => rejectionListeners.delete(listener);
}

/** Called whenever any command rejects with code `unauthenticated`. Returns an unsubscribe. */
export function onUnauthenticated(listener: RejectionListener): () => void {
	return onRejected((error, command) => {
		if (error.code === 'unauthenticated') listener(error, command);
	});
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
	try {
		return await invoke<T>(command, args);
	} catch (raw) {
		const error = toAppError(raw);
		for (const listener of rejectionListeners) listener(error, command);
		throw new ApiError(error);
	}
}

export const api = {
	appStatus: () => call<AppStatus>('app_status'),
	setupFirstAdmin: (input: SetupInput) => call<SessionInfo>('setup_first_admin', { input }),
	signIn: (input: SignInInput) => call<SessionInfo>('sign_in', { input }),
	signOut: () => call<null>('sign_out'),
	currentSession: () => call<SessionInfo | null>('current_session'),
	touchSession: () => call<null>('touch_session'),
	changePassword: (input: ChangePasswordInput) => call<SessionInfo>('change_password', { input }),
	listRegions: () => call<Region[]>('list_regions'),
	listDistricts: (input: ListDistrictsInput) => call<District[]>('list_districts', { input }),
	addDistrict: (input: NewDistrict) => call<District>('add_district', { input }),
	renameDistrict: (input: RenameDistrict) => call<District>('rename_district', { input }),
	retireDistrict: (input: IdInput) => call<District>('retire_district', { input }),
	listUsers: () => call<UserView[]>('list_users'),
	createUser: (input: NewUser) => call<UserView>('create_user', { input }),
	resetPassword: (input: ResetPasswordInput) => call<UserView>('reset_password', { input }),
	deactivateUser: (input: IdInput) => call<UserView>('deactivate_user', { input }),
	reactivateUser: (input: IdInput) => call<UserView>('reactivate_user', { input }),
	listAudit: (input: AuditFilter) => call<AuditPage>('list_audit', { input }),
	getSettings: () => call<Settings>('get_settings'),
	updateSettings: (input: Settings) => call<Settings>('update_settings', { input }),
	inspectIin: (input: IinInput) => call<IinInfo>('inspect_iin', { input }),
	searchVolunteers: (input: VolunteerQuery) => call<VolunteerPage>('search_volunteers', { input }),
	getVolunteer: (input: IdInput) => call<VolunteerDetail>('get_volunteer', { input }),
	registerVolunteer: (input: VolunteerInput) => call<SaveOutcome>('register_volunteer', { input }),
	updateVolunteer: (input: UpdateVolunteer) => call<SaveOutcome>('update_volunteer', { input }),
	enrolVolunteer: (input: IdInput) => call<Volunteer>('enrol_volunteer', { input }),
	dischargeVolunteer: (input: DischargeInput) => call<Volunteer>('discharge_volunteer', { input }),
	listSkills: () => call<Skill[]>('list_skills'),
	saveSkill: (input: SkillDraft) => call<Skill>('save_skill', { input }),
	listDuplicates: () => call<DuplicateFlag[]>('list_duplicates'),
	resolveDuplicate: (input: IdInput) => call<DuplicateFlag>('resolve_duplicate', { input }),
	listRuleSets: () => call<RuleSet[]>('list_rule_sets'),
	publishRules: (input: NewRuleSet) => call<PublishReport>('publish_rules', { input }),
	// Requisitioned assets
	addOwner: (input: NewOwner) => call<Owner>('add_owner', { input }),
	getOwner: (input: IdInput) => call<Owner>('get_owner', { input }),
	listOwners: (input: OwnerQuery) => call<OwnerPage>('list_owners', { input }),
	addAsset: (input: NewAsset) => call<Asset>('add_asset', { input }),
	requisitionAsset: (input: RequisitionInput) => call<RequisitionOrder>('requisition_asset', { input }),
	appraiseAsset: (input: NewAppraisal) => call<Appraisal>('appraise_asset', { input }),
	markBasis: (input: MarkBasisInput) => call<Appraisal>('mark_basis', { input }),
	recordReturn: (input: ReturnInput) => call<Outcome>('record_return', { input }),
	recordLoss: (input: LossInput) => call<Outcome>('record_loss', { input }),
	fileClaim: (input: FileClaimInput) => call<Claim>('file_claim', { input }),
	decideClaim: (input: DecideClaimInput) => call<Claim>('decide_claim', { input }),
	appealClaim: (input: AppealClaimInput) => call<Claim>('appeal_claim', { input }),
	recordPayment: (input: NewPayment) => call<Claim>('record_payment', { input }),
	listAssets: (input: AssetQuery) => call<AssetPage>('list_assets', { input }),
	listClaims: (input: ClaimQuery) => call<ClaimPage>('list_claims', { input }),
	getAsset: (input: IdInput) => call<AssetDetail>('get_asset', { input }),
	assetSummary: (input: RegionInput) => call<Summary>('asset_summary', { input }),
	/** Opens a native file picker in the shell; null when cancelled. */
	attachAssetFile: (input: IdInput) => call<AssetFile | null>('attach_asset_file', { input }),
	/** Saves a stored file through a native Save dialog; the path, or null when cancelled. */
	saveAssetFile: (input: IdInput) => call<string | null>('save_asset_file', { input }),
	saveRequisitionAct: (input: IdInput) => call<string | null>('save_requisition_act', { input }),
	saveStatement: (input: IdInput) => call<string | null>('save_statement', { input }),
	/** Streams the list into a file picked in a native Save dialog; null when cancelled. */
	exportVolunteers: (input: VolunteerExport) => call<SavedExport | null>('export_volunteers', { input }),
	exportUnitMembers: (input: UnitMembersExport) => call<SavedExport | null>('export_unit_members', { input }),
	exportReadinessTable: (input: ReadinessTableExport) => call<SavedExport | null>('export_readiness_table', { input }),
	exportAudit: (input: AuditExport) => call<SavedExport | null>('export_audit', { input }),
	// Units, assignments and readiness
	unitCatalogues: () => call<UnitCatalogues>('unit_catalogues'),
	saveUnitKind: (input: UnitKindDraft) => call<UnitKind>('save_unit_kind', { input }),
	savePosition: (input: PositionDraft) => call<Position>('save_position', { input }),
	listUnits: (input: UnitQuery) => call<UnitRow[]>('list_units', { input }),
	getUnit: (input: IdInput) => call<UnitDetail>('get_unit', { input }),
	createUnit: (input: UnitInput) => call<Unit>('create_unit', { input }),
	updateUnit: (input: UpdateUnit) => call<Unit>('update_unit', { input }),
	setEstablishment: (input: EstablishmentInput) => call<UnitDetail>('set_establishment', { input }),
	disbandUnit: (input: DisbandInput) => call<DisbandReport>('disband_unit', { input }),
	listUnitMembers: (input: IdInput) => call<Member[]>('list_unit_members', { input }),
	assignVolunteer: (input: AssignInput) => call<Assignment>('assign_volunteer', { input }),
	transferVolunteer: (input: TransferInput) => call<Assignment>('transfer_volunteer', { input }),
	endAssignment: (input: EndAssignmentInput) => call<Assignment>('end_assignment', { input }),
	volunteerAssignments: (input: IdInput) => call<Assignment[]>('volunteer_assignments', { input }),
	readiness: (input: ReadinessQuery) => call<Readiness>('readiness', { input }),
	/** Checks every row of a bulk transfer sheet (bytes of a CSV/XLSX/XLS); writes nothing. */
	previewBulkTransfer: (input: BulkTransferInput) => call<BulkTransferReport>('preview_bulk_transfer', { input }),
	/** Applies all rows or none; `applied` says which, `errors` lists the bad rows. */
	applyBulkTransfer: (input: BulkTransferInput) => call<BulkTransferReport>('apply_bulk_transfer', { input }),
	/** Who joined, left or was transferred in or out of a unit, newest first. */
	unitHistory: (input: IdInput) => call<UnitEvent[]>('unit_history', { input }),
	// Spreadsheet import
	/** Opens the native Open dialog and previews the chosen file; null when cancelled. */
	chooseImportFile: () => call<ImportPreview | null>('choose_import_file'),
	previewImport: (input: ImportOptions) => call<ImportPreview>('preview_import', { input }),
	/** Imports the chosen file; `onProgress` hears rows, rows/s and time left as it goes. */
	runImport: (input: ImportOptions, onProgress: (p: ImportProgress) => void) => {
		const channel = new Channel<ImportProgress>();
		channel.onmessage = onProgress;
		return call<ImportReport>('run_import', { input, onProgress: channel });
	},
	cancelImport: () => call<null>('cancel_import'),
	/** Saves the error report through a native Save dialog; the path, or null when cancelled. */
	saveImportReport: (input: SaveReportInput) => call<string | null>('save_import_report', { input }),
	// Facility-guarding rosters
	listFacilityCategories: () => call<FacilityCategory[]>('list_facility_categories'),
	saveFacilityCategory: (input: FacilityCategory) =>
		call<FacilityCategory>('save_facility_category', { input }),
	listFacilities: (input: FacilityQuery) => call<FacilityRow[]>('list_facilities', { input }),
	getFacility: (input: IdInput) => call<Facility>('get_facility', { input }),
	saveFacility: (input: FacilityInput) => call<Facility>('save_facility', { input }),
	rosterView: (input: RosterQuery) => call<RosterView>('roster_view', { input }),
	/** The facility's guards matching a search, each with the rule that would refuse them. */
	rosterCandidates: (input: CandidateQuery) => call<Candidate[]>('roster_candidates', { input }),
	/** Refused with reason `roster_rule` and `params.rule` naming the broken rule. */
	assignSeat: (input: SeatInput) => call<RosterSeat>('assign_seat', { input }),
	removeSeat: (input: IdInput) => call<null>('remove_seat', { input }),
	pinSeat: (input: PinInput) => call<null>('pin_seat', { input }),
	publishRoster: (input: PublishInput) => call<Publication>('publish_roster', { input }),
	listRosterLimits: (input: RegionInput) => call<LimitsVersion[]>('list_roster_limits', { input }),
	publishRosterLimits: (input: LimitsInput) => call<LimitsVersion>('publish_roster_limits', { input }),
	/** Auto-fills a period; `onProgress` hears the search as it goes; `stopRosterFill` ends it keeping the best. */
	runRosterFill: (input: FillInput, onProgress: (p: FillProgress) => void) => {
		const channel = new Channel<FillProgress>();
		channel.onmessage = onProgress;
		return call<FillReport>('run_roster_fill', { input, onProgress: channel });
	},
	stopRosterFill: () => call<null>('stop_roster_fill'),
	/** A unit's (and its sub-units') guards x days calendar over a period. */
	unitRoster: (input: UnitRosterQuery) => call<UnitRosterView>('unit_roster', { input }),
	/** The weights' versions that can apply in a region (its own, then the national ones; with no
	 * region the national ones), newest first, then the defaults. */
	listRosterWeights: (input: RegionInput) => call<WeightsVersion[]>('list_roster_weights', { input }),
	publishRosterWeights: (input: WeightsInput) => call<null>('publish_roster_weights', { input }),
	/** A volunteer's preferred and undesired weekdays (0 = Monday). */
	getDayPreferences: (input: IdInput) => call<DayPreferences>('get_day_preferences', { input }),
	setDayPreferences: (input: DayPreferencesInput) => call<null>('set_day_preferences', { input }),
	/** Saves the facility's roster PDF through a native Save dialog; the path, or null when cancelled. */
	saveRosterPdf: (input: RosterExport) => call<string | null>('save_roster_pdf', { input }),
	/** Saves the facility's roster as XLSX through a native Save dialog. */
	saveRosterXlsx: (input: RosterExport) => call<string | null>('save_roster_xlsx', { input }),
	/** Saves a volunteer's shifts as an iCalendar (.ics) file through a native Save dialog. */
	saveVolunteerCalendar: (input: VolunteerCalendarExport) => call<string | null>('save_volunteer_calendar', { input }),
	/** Saves a volunteer's personal schedule as a PDF through a native Save dialog. */
	saveVolunteerSchedule: (input: ScheduleExport) => call<string | null>('save_volunteer_schedule', { input }),
	// Declared unavailability of a volunteer
	declareUnavailability: (input: UnavailabilityInput) => call<Unavailability>('declare_unavailability', { input }),
	/** The declared periods of the volunteer `input.id`. */
	listUnavailability: (input: IdInput) => call<Unavailability[]>('list_unavailability', { input }),
	/** Removes the declared period `input.id`. */
	removeUnavailability: (input: IdInput) => call<null>('remove_unavailability', { input }),
	// Mobilisation call-outs
	listActivations: () => call<Activation[]>('list_activations'),
	getActivation: (input: IdInput) => call<ActivationDetail>('get_activation', { input }),
	declareActivation: (input: ActivationInput) => call<Activation>('declare_activation', { input }),
	/** Builds the call-out list of a draft. */
	activateActivation: (input: IdInput) => call<ActivationReport>('activate_activation', { input }),
	closeActivation: (input: IdInput) => call<Activation>('close_activation', { input }),
	callList: (input: CallListQuery) => call<CallRow[]>('call_list', { input }),
	markAnswer: (input: MarkInput) => call<CallRow>('mark_answer', { input }),
	/** Undoes the actor's last answer (or the last on one volunteer's row). */
	undoAnswer: (input: UndoInput) => call<UndoReport>('undo_answer', { input }),
	recordContact: (input: ContactInput) => call<CallRow>('record_contact', { input }),
	/** Merges a filled-in sheet: all rows or none; `errors` names the bad rows. */
	mergeCalloutSheet: (input: MergeSheetInput) => call<MergeReport>('merge_callout_sheet', { input }),
	activationFigures: (input: FigureQuery) => call<Figures>('activation_figures', { input }),
	/** Saves the call-out sheet through a native Save dialog; null when cancelled. */
	saveCalloutSheet: (input: SheetQuery) => call<SavedExport | null>('save_callout_sheet', { input }),
	/** Saves the after-action report through a native Save dialog; null when cancelled. */
	saveAfterAction: (input: AfterActionExport) => call<SavedExport | null>('save_after_action', { input })
};
