//! The UI's TypeScript types are generated from the Rust DTOs. This test fails when the
//! committed `ui/src/lib/bindings.ts` no longer matches them; `make bindings` rewrites it.
//! Every DTO that crosses IPC is listed here, so a type missing from the UI is caught too.

use std::path::Path;

use jasaq::access::Role;
use jasaq::accounts::{
    AppStatus, ChangePasswordInput, NewUser, ResetPasswordInput, SessionInfo, SetupInput,
    SignInInput, UserView,
};
use jasaq::assets::{
    AppealClaimInput, Appraisal, Asset, AssetDetail, AssetFile, AssetKind, AssetPage, AssetQuery,
    AssetRow, AssetStatus, BreakdownLine, Claim, ClaimPage, ClaimQuery, ClaimRow, ClaimStatus,
    ClaimStep, CompensationBreakdown, DecideClaimInput, FileClaimInput, LossInput, LossKind,
    MarkBasisInput, Mode, NewAppraisal, NewAsset, NewOwner, NewPayment, Outcome, Owner, OwnerKind,
    OwnerPage, OwnerQuery, Payment, RequisitionInput, RequisitionOrder, ReturnInput, Summary,
    SummaryRow,
};
use jasaq::audit::{AuditEntry, AuditFilter, AuditPage};
use jasaq::error::{Error, ErrorCode, FieldError};
use jasaq::identity::{IinInfo, Sex};
use jasaq::mobilisation::{
    Activation, ActivationDetail, ActivationInput, ActivationKind, ActivationReport,
    ActivationStatus, ActivationUnit, AfterActionExport, CallListQuery, CallRow, Channel,
    ContactInput, ContactOutcome, Exclusion, FigureGroup, FigureQuery, FigureRow, Figures,
    MarkInput, MergeReport, MergeRowError, MergeSheetInput, PositionStrength, Response, ScopeItem,
    ScopeKind, SeriesPoint, SheetFormat, SheetQuery, StoredScope, UndoInput, UndoReport,
};
use jasaq::places::{
    District, ListDistrictsInput, NewDistrict, Region, RegionKind, RenameDistrict,
};
use jasaq::reports::{
    AuditExport, ExportFormat, ExportSummary, Lang, ReadinessTableExport, SavedExport,
    UnitMembersExport, VolunteerExport,
};
use jasaq::rosters::export::{RosterExport, ScheduleExport, VolunteerCalendarExport};
use jasaq::rosters::facilities::{
    CustomShift, Facility, FacilityCategory, FacilityInput, FacilityPost, FacilityQuery,
    FacilityRow, PatternInput, PatternKind, PostInput,
};
use jasaq::rosters::fill::{FillGap, FillInput, FillProgress, FillReport};
use jasaq::rosters::limits::{
    DayPreferences, DayPreferencesInput, LimitsInput, LimitsVersion, WeightsDto, WeightsInput,
    WeightsVersion,
};
use jasaq::rosters::roster::{
    Candidate, CandidateQuery, GapView, PinInput, Publication, PublishInput, RosterCell,
    RosterChange, RosterQuery, RosterSeat, RosterShift, RosterView, SeatInput,
};
use jasaq::rosters::unit_grid::{
    UnitRosterFacility, UnitRosterGuard, UnitRosterQuery, UnitRosterShift, UnitRosterView,
};
use jasaq::settings::Settings;
use jasaq::sheets::Format;
use jasaq::units::Agency;
use jasaq::units::{
    AgeBand, AssignInput, Assignment, BulkRow, BulkRowError, BulkTransferInput, BulkTransferReport,
    Direction, DisbandChoice, DisbandInput, DisbandReport, EndAssignmentInput, EstablishmentInput,
    EstablishmentLine, EstablishmentLineInput, Member, Position, PositionDraft, PositionFill,
    Qualification, Readiness, ReadinessFigures, ReadinessGroup, ReadinessQuery, TransferInput,
    Unit, UnitCatalogues, UnitDetail, UnitEvent, UnitEventKind, UnitInput, UnitKind, UnitKindDraft,
    UnitQuery, UnitReadiness, UnitRow, UnitStatus, UpdateUnit,
};
use jasaq::volunteers::import::{
    ColumnMapping, ErrorReport, ImportMode, ImportOptions, ImportPreview, ImportProgress,
    ImportReport, ImportStep, PreviewRow, RefusedRow, ReportFormat, ReportRow, RowOutcome,
    RowProblem, SaveReportInput,
};
use jasaq::volunteers::{
    Decision, DischargeInput, DuplicateFlag, EligibilityOutcome, FailedRule, HealthCategory,
    MilitaryService, NewRuleSet, PublishReport, RuleSet, SaveOutcome, Skill, SkillDraft,
    SkillInput, SortKey, Status, StatusChange, UpdateVolunteer, Volunteer, VolunteerDetail,
    VolunteerInput, VolunteerPage, VolunteerQuery, VolunteerRow, VolunteerSkill,
};
use jasaq::volunteers::{Unavailability, UnavailabilityInput, UnavailabilityKind};
use jasaq::{IdInput, IinInput, RegionInput};
use ts_rs::{Config, TS};

fn generated() -> String {
    let cfg = Config::new();
    let decls = [
        ErrorCode::decl(&cfg),
        FieldError::decl(&cfg),
        Error::decl(&cfg),
        Role::decl(&cfg),
        AppStatus::decl(&cfg),
        SessionInfo::decl(&cfg),
        RegionKind::decl(&cfg),
        Region::decl(&cfg),
        District::decl(&cfg),
        UserView::decl(&cfg),
        SetupInput::decl(&cfg),
        SignInInput::decl(&cfg),
        NewUser::decl(&cfg),
        ChangePasswordInput::decl(&cfg),
        ResetPasswordInput::decl(&cfg),
        IdInput::decl(&cfg),
        ListDistrictsInput::decl(&cfg),
        NewDistrict::decl(&cfg),
        RenameDistrict::decl(&cfg),
        AuditFilter::decl(&cfg),
        AuditEntry::decl(&cfg),
        AuditPage::decl(&cfg),
        Settings::decl(&cfg),
        IinInput::decl(&cfg),
        IinInfo::decl(&cfg),
        Sex::decl(&cfg),
        Status::decl(&cfg),
        MilitaryService::decl(&cfg),
        HealthCategory::decl(&cfg),
        SkillInput::decl(&cfg),
        VolunteerInput::decl(&cfg),
        VolunteerSkill::decl(&cfg),
        Volunteer::decl(&cfg),
        UpdateVolunteer::decl(&cfg),
        EligibilityOutcome::decl(&cfg),
        FailedRule::decl(&cfg),
        Decision::decl(&cfg),
        SaveOutcome::decl(&cfg),
        VolunteerDetail::decl(&cfg),
        SortKey::decl(&cfg),
        VolunteerQuery::decl(&cfg),
        VolunteerRow::decl(&cfg),
        VolunteerPage::decl(&cfg),
        DischargeInput::decl(&cfg),
        Skill::decl(&cfg),
        SkillDraft::decl(&cfg),
        DuplicateFlag::decl(&cfg),
        RuleSet::decl(&cfg),
        NewRuleSet::decl(&cfg),
        StatusChange::decl(&cfg),
        PublishReport::decl(&cfg),
        RegionInput::decl(&cfg),
        OwnerKind::decl(&cfg),
        AssetKind::decl(&cfg),
        Mode::decl(&cfg),
        AssetStatus::decl(&cfg),
        ClaimStatus::decl(&cfg),
        LossKind::decl(&cfg),
        NewOwner::decl(&cfg),
        Owner::decl(&cfg),
        NewAsset::decl(&cfg),
        Asset::decl(&cfg),
        RequisitionInput::decl(&cfg),
        RequisitionOrder::decl(&cfg),
        AssetFile::decl(&cfg),
        NewAppraisal::decl(&cfg),
        Appraisal::decl(&cfg),
        MarkBasisInput::decl(&cfg),
        ReturnInput::decl(&cfg),
        LossInput::decl(&cfg),
        Outcome::decl(&cfg),
        FileClaimInput::decl(&cfg),
        DecideClaimInput::decl(&cfg),
        AppealClaimInput::decl(&cfg),
        NewPayment::decl(&cfg),
        ClaimStep::decl(&cfg),
        Payment::decl(&cfg),
        Claim::decl(&cfg),
        BreakdownLine::decl(&cfg),
        CompensationBreakdown::decl(&cfg),
        AssetDetail::decl(&cfg),
        OwnerQuery::decl(&cfg),
        OwnerPage::decl(&cfg),
        AssetQuery::decl(&cfg),
        AssetRow::decl(&cfg),
        AssetPage::decl(&cfg),
        ClaimQuery::decl(&cfg),
        ClaimRow::decl(&cfg),
        ClaimPage::decl(&cfg),
        SummaryRow::decl(&cfg),
        Summary::decl(&cfg),
        ExportFormat::decl(&cfg),
        Lang::decl(&cfg),
        VolunteerExport::decl(&cfg),
        AuditExport::decl(&cfg),
        ExportSummary::decl(&cfg),
        SavedExport::decl(&cfg),
        UnitMembersExport::decl(&cfg),
        ReadinessTableExport::decl(&cfg),
        Direction::decl(&cfg),
        UnitStatus::decl(&cfg),
        Qualification::decl(&cfg),
        Agency::decl(&cfg),
        UnitKind::decl(&cfg),
        Position::decl(&cfg),
        UnitCatalogues::decl(&cfg),
        UnitKindDraft::decl(&cfg),
        PositionDraft::decl(&cfg),
        UnitInput::decl(&cfg),
        UpdateUnit::decl(&cfg),
        Unit::decl(&cfg),
        UnitQuery::decl(&cfg),
        UnitRow::decl(&cfg),
        EstablishmentLine::decl(&cfg),
        Member::decl(&cfg),
        UnitDetail::decl(&cfg),
        EstablishmentLineInput::decl(&cfg),
        EstablishmentInput::decl(&cfg),
        DisbandChoice::decl(&cfg),
        DisbandInput::decl(&cfg),
        DisbandReport::decl(&cfg),
        AssignInput::decl(&cfg),
        TransferInput::decl(&cfg),
        EndAssignmentInput::decl(&cfg),
        Assignment::decl(&cfg),
        ReadinessQuery::decl(&cfg),
        PositionFill::decl(&cfg),
        AgeBand::decl(&cfg),
        ReadinessFigures::decl(&cfg),
        ReadinessGroup::decl(&cfg),
        UnitReadiness::decl(&cfg),
        Readiness::decl(&cfg),
        BulkRow::decl(&cfg),
        BulkRowError::decl(&cfg),
        BulkTransferInput::decl(&cfg),
        BulkTransferReport::decl(&cfg),
        UnitEventKind::decl(&cfg),
        UnitEvent::decl(&cfg),
        Format::decl(&cfg),
        ImportMode::decl(&cfg),
        ImportOptions::decl(&cfg),
        ColumnMapping::decl(&cfg),
        RowOutcome::decl(&cfg),
        RowProblem::decl(&cfg),
        PreviewRow::decl(&cfg),
        ImportPreview::decl(&cfg),
        RefusedRow::decl(&cfg),
        ImportReport::decl(&cfg),
        ImportStep::decl(&cfg),
        ImportProgress::decl(&cfg),
        ReportFormat::decl(&cfg),
        ReportRow::decl(&cfg),
        ErrorReport::decl(&cfg),
        SaveReportInput::decl(&cfg),
        FacilityCategory::decl(&cfg),
        PatternKind::decl(&cfg),
        CustomShift::decl(&cfg),
        PatternInput::decl(&cfg),
        PostInput::decl(&cfg),
        FacilityInput::decl(&cfg),
        FacilityPost::decl(&cfg),
        Facility::decl(&cfg),
        FacilityRow::decl(&cfg),
        FacilityQuery::decl(&cfg),
        LimitsInput::decl(&cfg),
        LimitsVersion::decl(&cfg),
        WeightsDto::decl(&cfg),
        WeightsInput::decl(&cfg),
        WeightsVersion::decl(&cfg),
        DayPreferencesInput::decl(&cfg),
        DayPreferences::decl(&cfg),
        UnitRosterQuery::decl(&cfg),
        UnitRosterShift::decl(&cfg),
        UnitRosterGuard::decl(&cfg),
        UnitRosterFacility::decl(&cfg),
        UnitRosterView::decl(&cfg),
        RosterQuery::decl(&cfg),
        RosterShift::decl(&cfg),
        RosterSeat::decl(&cfg),
        GapView::decl(&cfg),
        RosterCell::decl(&cfg),
        RosterChange::decl(&cfg),
        Publication::decl(&cfg),
        RosterView::decl(&cfg),
        SeatInput::decl(&cfg),
        CandidateQuery::decl(&cfg),
        Candidate::decl(&cfg),
        PublishInput::decl(&cfg),
        PinInput::decl(&cfg),
        FillInput::decl(&cfg),
        FillProgress::decl(&cfg),
        FillGap::decl(&cfg),
        FillReport::decl(&cfg),
        RosterExport::decl(&cfg),
        VolunteerCalendarExport::decl(&cfg),
        ScheduleExport::decl(&cfg),
        UnavailabilityKind::decl(&cfg),
        UnavailabilityInput::decl(&cfg),
        Unavailability::decl(&cfg),
        ActivationKind::decl(&cfg),
        ActivationStatus::decl(&cfg),
        Exclusion::decl(&cfg),
        Response::decl(&cfg),
        Channel::decl(&cfg),
        ContactOutcome::decl(&cfg),
        Activation::decl(&cfg),
        CallRow::decl(&cfg),
        ScopeKind::decl(&cfg),
        ScopeItem::decl(&cfg),
        ActivationInput::decl(&cfg),
        ActivationReport::decl(&cfg),
        ActivationUnit::decl(&cfg),
        StoredScope::decl(&cfg),
        ActivationDetail::decl(&cfg),
        CallListQuery::decl(&cfg),
        MarkInput::decl(&cfg),
        ContactInput::decl(&cfg),
        UndoInput::decl(&cfg),
        UndoReport::decl(&cfg),
        MergeSheetInput::decl(&cfg),
        MergeRowError::decl(&cfg),
        MergeReport::decl(&cfg),
        FigureGroup::decl(&cfg),
        FigureQuery::decl(&cfg),
        FigureRow::decl(&cfg),
        PositionStrength::decl(&cfg),
        SeriesPoint::decl(&cfg),
        Figures::decl(&cfg),
        SheetFormat::decl(&cfg),
        SheetQuery::decl(&cfg),
        AfterActionExport::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust DTOs by tests/bindings.rs (`make bindings`). Do not edit.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
    let fresh = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("bindings.ts is writable");
        return;
    }
    assert!(
        !fresh.contains("bigint"),
        "ids, counts and money (tiyn, capped at 9 * 10^15, below 2^53) cross as number, never bigint"
    );
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is stale: run `make bindings` and commit the result"
    );
}
