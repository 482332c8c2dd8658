//! Mobilisation call-outs (issue 8): declare an activation, build the call-out list, record
//! every contact and answer as it comes in, and see the strength that actually reported.
//!
//! Split by step: the types (`model`), declaring, activating and closing (`declare`), the
//! scope's expansion and the list's building (`build`), reading activations and list rows (`read`), contacts, answers and
//! undo (`answers`), the merge of a re-entered or imported sheet (`merge`), live figures
//! (`figures`) and the call-out sheets and after-action report (`sheets_out`).
//!
//! Access, in SQL: national administrators declare and close anything; regional
//! administrators only within their region; district operators record answers for the rows of
//! their district (the volunteer's district at activation); viewers read. Every change is
//! audited in the transaction that makes it. Instants are stored UTC and entered and shown in
//! UTC+5 ([`crate::clock::KZ_OFFSET_HOURS`]).

mod answers;
mod build;
mod declare;
mod figures;
mod merge;
mod model;
mod read;
mod sheets_out;

pub use answers::{
    mark, record_contact, undo_last, ContactInput, MarkInput, UndoInput, UndoReport,
};
pub use declare::{
    activate, close, declare, ActivationInput, ActivationReport, ScopeItem, ScopeKind,
};
pub use figures::{
    figures, FigureGroup, FigureQuery, FigureRow, Figures, PositionStrength, SeriesPoint,
};
pub use merge::{
    merge_answers, merge_sheet, merge_sheet_bytes, read_answers, MergeReport, MergeRowError,
    MergeSheetInput, SheetAnswer, MAX_MERGE_ROWS,
};
pub use model::{
    parse_local_instant, Activation, ActivationKind, ActivationStatus, CallRow, Channel,
    ContactOutcome, Exclusion, Response,
};
pub use read::{
    call_list, get_activation, list_activations, ActivationDetail, ActivationUnit, CallListQuery,
    StoredScope,
};
pub use sheets_out::{after_action, callout_sheet, AfterActionExport, SheetFormat, SheetQuery};
