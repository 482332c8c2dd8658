//! One Tauri command per core operation. Each takes its input DTO, calls one core function as
//! the signed-in actor, and returns the core's DTO or its error (`{code, reason, message,
//! fields, params}`). The names are listed in `command_names.rs` for the permission manifest.

use std::sync::Arc;

use tauri::State;

use crate::shell::Shell;

mod assets;
mod export;
mod foundation;
pub mod imports;
mod mobilisation;
pub mod rosters;
mod unavailability;
mod units;
mod volunteers;

type Shared<'a> = State<'a, Arc<Shell>>;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    use assets::*;
    use export::*;
    use foundation::*;
    use imports::*;
    use mobilisation::*;
    use rosters::*;
    use unavailability::*;
    use units::*;
    use volunteers::*;
    tauri::generate_handler![
        app_status,
        setup_first_admin,
        sign_in,
        sign_out,
        current_session,
        touch_session,
        change_password,
        list_regions,
        list_districts,
        add_district,
        rename_district,
        retire_district,
        list_users,
        create_user,
        reset_password,
        deactivate_user,
        reactivate_user,
        list_audit,
        get_settings,
        update_settings,
        inspect_iin,
        search_volunteers,
        get_volunteer,
        register_volunteer,
        update_volunteer,
        enrol_volunteer,
        discharge_volunteer,
        list_skills,
        save_skill,
        list_duplicates,
        resolve_duplicate,
        list_rule_sets,
        publish_rules,
        add_owner,
        add_asset,
        requisition_asset,
        appraise_asset,
        mark_basis,
        record_return,
        record_loss,
        file_claim,
        decide_claim,
        appeal_claim,
        record_payment,
        list_owners,
        list_assets,
        list_claims,
        get_owner,
        get_asset,
        asset_summary,
        attach_asset_file,
        save_asset_file,
        save_requisition_act,
        save_statement,
        export_volunteers,
        export_unit_members,
        export_readiness_table,
        export_audit,
        unit_catalogues,
        save_unit_kind,
        save_position,
        list_units,
        get_unit,
        create_unit,
        update_unit,
        set_establishment,
        disband_unit,
        list_unit_members,
        assign_volunteer,
        transfer_volunteer,
        end_assignment,
        volunteer_assignments,
        readiness,
        preview_bulk_transfer,
        apply_bulk_transfer,
        choose_import_file,
        preview_import,
        run_import,
        cancel_import,
        save_import_report,
        list_facility_categories,
        save_facility_category,
        list_facilities,
        get_facility,
        save_facility,
        roster_view,
        roster_candidates,
        assign_seat,
        remove_seat,
        pin_seat,
        publish_roster,
        list_roster_limits,
        publish_roster_limits,
        run_roster_fill,
        stop_roster_fill,
        save_roster_pdf,
        save_roster_xlsx,
        unit_roster,
        list_roster_weights,
        publish_roster_weights,
        get_day_preferences,
        set_day_preferences,
        save_volunteer_calendar,
        save_volunteer_schedule,
        declare_unavailability,
        list_unavailability,
        remove_unavailability,
        list_activations,
        get_activation,
        declare_activation,
        activate_activation,
        close_activation,
        call_list,
        mark_answer,
        undo_answer,
        record_contact,
        merge_callout_sheet,
        activation_figures,
        save_callout_sheet,
        save_after_action,
        unit_history,
    ]
}
