//! Every asset DTO generates a TypeScript declaration, and money and counts are `number`
//! (exact up to 2^53 tiyn, about 90 trillion tenge, above the core's 9 * 10^15 tiyn cap),
//! never `bigint`, so the UI engineer can add them to `ui/src/lib/bindings.ts` as they are.

use jasaq::assets::{
    AppealClaimInput, Appraisal, Asset, AssetDetail, AssetFile, AssetKind, AssetPage, AssetQuery,
    AssetRow, AssetStatus, BreakdownLine, Claim, ClaimPage, ClaimQuery, ClaimRow, ClaimStatus,
    ClaimStep, CompensationBreakdown, DecideClaimInput, Document, DocumentKind, FileClaimInput,
    FileContent, LossInput, LossKind, MarkBasisInput, Mode, NewAppraisal, NewAsset, NewFile,
    NewOwner, NewPayment, Outcome, Owner, OwnerKind, OwnerPage, OwnerQuery, Payment,
    RequisitionInput, RequisitionOrder, ReturnInput, Summary, SummaryRow,
};
use ts_rs::{Config, TS};

#[test]
fn asset_dtos_have_typescript_declarations_without_bigint() {
    let cfg = Config::new();
    let decls = [
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
        NewFile::decl(&cfg),
        AssetFile::decl(&cfg),
        FileContent::decl(&cfg),
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
        DocumentKind::decl(&cfg),
        Document::decl(&cfg),
    ];
    for decl in &decls {
        assert!(
            !decl.contains("bigint"),
            "an i64 without #[ts(type = \"number\")] would be a bigint the UI cannot use: {decl}"
        );
    }
    let breakdown = CompensationBreakdown::decl(&cfg);
    assert!(
        breakdown.contains("owed: number | null"),
        "the amount owed is a number or absent: {breakdown}"
    );
}
