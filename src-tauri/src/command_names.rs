//! The app's IPC commands, shared by `build.rs` (permissions) and the invoke handler's test.
#[cfg_attr(not(test), allow(dead_code))]
pub const ALL: &[&str] = &[
    "app_status",
    "setup_first_admin",
    "sign_in",
    "sign_out",
    "current_session",
    "touch_session",
    "change_password",
    "list_regions",
    "list_districts",
    "add_district",
    "rename_district",
    "retire_district",
    "list_users",
    "create_user",
    "reset_password",
    "deactivate_user",
    "reactivate_user",
    "list_audit",
    "get_settings",
    "update_settings",
    "inspect_iin",
    "search_volunteers",
    "get_volunteer",
    "register_volunteer",
    "update_volunteer",
    "enrol_volunteer",
    "discharge_volunteer",
    "list_skills",
    "save_skill",
    "list_duplicates",
    "resolve_duplicate",
    "list_rule_sets",
    "publish_rules",
    "add_owner",
    "add_asset",
    "requisition_asset",
    "appraise_asset",
    "mark_basis",
    "record_return",
    "record_loss",
    "file_claim",
    "decide_claim",
    "appeal_claim",
    "record_payment",
    "list_owners",
    "list_assets",
    "list_claims",
    "get_owner",
    "get_asset",
    "asset_summary",
    "attach_asset_file",
    "save_asset_file",
    "save_requisition_act",
    "save_statement",
    "export_volunteers",
    "export_unit_members",
    "export_readiness_table",
    "export_audit",
    "unit_catalogues",
    "save_unit_kind",
    "save_position",
    "list_units",
    "get_unit",
    "create_unit",
    "update_unit",
    "set_establishment",
    "disband_unit",
    "list_unit_members",
    "assign_volunteer",
    "transfer_volunteer",
    "end_assignment",
    "volunteer_assignments",
    "readiness",
    "preview_bulk_transfer",
    "apply_bulk_transfer",
    "choose_import_file",
    "preview_import",
    "run_import",
    "cancel_import",
    "save_import_report",
    "list_facility_categories",
    "save_facility_category",
    "list_facilities",
    "get_facility",
    "save_facility",
    "roster_view",
    "roster_candidates",
    "assign_seat",
    "remove_seat",
    "pin_seat",
    "publish_roster",
    "list_roster_limits",
    "publish_roster_limits",
    "run_roster_fill",
    "stop_roster_fill",
    "save_roster_pdf",
    "save_roster_xlsx",
    "unit_roster",
    "list_roster_weights",
    "publish_roster_weights",
    "get_day_preferences",
    "set_day_preferences",
    "save_volunteer_calendar",
    "save_volunteer_schedule",
    "declare_unavailability",
    "list_unavailability",
    "remove_unavailability",
    "list_activations",
    "get_activation",
    "declare_activation",
    "activate_activation",
    "close_activation",
    "call_list",
    "mark_answer",
    "undo_answer",
    "record_contact",
    "merge_callout_sheet",
    "activation_figures",
    "save_callout_sheet",
    "save_after_action",
    "unit_history",
];

#[cfg(test)]
mod tests {
    /// Every command the handler serves must be granted in the capability file, and nothing
    /// else may be: a forgotten or extra permission is caught here, not by a user.
    #[test]
    fn the_capability_grants_exactly_the_apps_commands() {
        let text = include_str!("../capabilities/main.json");
        let capability: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("a permissions list")
            .iter()
            .filter_map(|p| p.as_str().map(str::to_owned))
            .collect();
        granted.sort();
        let mut expected: Vec<String> = super::ALL
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        expected.sort();
        assert_eq!(
            granted, expected,
            "capabilities/main.json grants exactly the app's commands"
        );
    }
}
