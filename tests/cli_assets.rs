//! `jasaq asset ...` end to end: a citizen's truck from owner to statement, amounts typed in
//! tenge, `--json` for scripts, documents written to `--out`, and a non-zero exit naming the
//! problem on every refusal.

// Amounts are written as tenge then two tiyn digits: 20_005_00 is 20 005,00 tenge.
#![allow(clippy::inconsistent_digit_grouping)]

use std::process::Output;

#[path = "common/cli.rs"]
mod cli;
use cli::{database, first_district, iin, jasaq, text};

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "command succeeds: {}", text(out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", text(out)))
}

#[test]
fn a_truck_is_recorded_appraised_returned_paid_and_printed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let district = first_district(&db);

    let out = jasaq(&db, &["asset", "--help"]);
    assert!(text(&out).contains("statement"), "help lists the commands");

    let owner_iin = iin("1980-03-08", 1);
    let owner = json(&jasaq(
        &db,
        &[
            "asset",
            "owner-add",
            "--iin",
            &owner_iin,
            "--surname",
            "Өмірбеков",
            "--given-name",
            "Қайрат",
            "--phone",
            "8 701 111 22 33",
            "--address",
            "Щучинск",
            "--region",
            "KZ-11",
            "--district",
            &district,
            "--json",
        ],
    ));
    let owner_id = owner["id"].as_str().unwrap().to_owned();
    let bad = jasaq(
        &db,
        &[
            "asset",
            "owner-add",
            "--bin",
            "123456789012",
            "--org-name",
            "X",
            "--address",
            "A",
            "--region",
            "KZ-11",
            "--district",
            &district,
        ],
    );
    assert!(
        !bad.status.success(),
        "a BIN with a wrong check digit fails"
    );
    assert!(
        text(&bad).contains("bin_check_digit"),
        "and names the problem: {}",
        text(&bad)
    );

    let asset = json(&jasaq(
        &db,
        &[
            "asset",
            "add",
            "--owner",
            &owner_id,
            "--kind",
            "vehicle",
            "--description",
            "ГАЗ-66",
            "--plate",
            "777 AAA 03",
            "--vin",
            "XTH66000012345678",
            "--address",
            "Щучинск",
            "--region",
            "KZ-11",
            "--district",
            &district,
            "--json",
        ],
    ));
    let asset_id = asset["id"].as_str().unwrap().to_owned();
    json(&jasaq(
        &db,
        &[
            "asset",
            "requisition",
            &asset_id,
            "--number",
            "7",
            "--order-date",
            "2025-03-01",
            "--legal-basis",
            "Заң",
            "--official",
            "Әкім",
            "--administration",
            "Әкімдік",
            "--receiving-unit",
            "Бригада",
            "--mode",
            "temporary_use",
            "--intake-date",
            "2025-03-01",
            "--condition",
            "Жақсы",
            "--json",
        ],
    ));
    let bad = jasaq(
        &db,
        &[
            "asset",
            "appraise",
            &asset_id,
            "--appraiser",
            "A",
            "--method",
            "M",
            "--date",
            "2025-03-01",
            "--market-value",
            "бес миллион",
            "--use-rate",
            "10 000",
        ],
    );
    assert!(!bad.status.success(), "a non-numeric amount fails");
    assert!(
        text(&bad).contains("not_numeric"),
        "naming it: {}",
        text(&bad)
    );
    json(&jasaq(
        &db,
        &[
            "asset",
            "appraise",
            &asset_id,
            "--appraiser",
            "A",
            "--method",
            "M",
            "--date",
            "2025-03-01",
            "--market-value",
            "5 000 000",
            "--use-rate",
            "10 000,50",
            "--json",
        ],
    ));
    let bad = jasaq(
        &db,
        &[
            "asset",
            "return",
            &asset_id,
            "--date",
            "2025-02-28",
            "--condition",
            "ok",
            "--json",
        ],
    );
    assert!(!bad.status.success(), "a return before the intake fails");
    let err: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(
        err["fields"][0]["rule"], "before_intake",
        "the JSON error names the rule"
    );
    json(&jasaq(
        &db,
        &[
            "asset",
            "return",
            &asset_id,
            "--date",
            "2025-03-10",
            "--condition",
            "Сызат",
            "--loss-of-value",
            "20 000",
            "--json",
        ],
    ));
    let detail = json(&jasaq(&db, &["asset", "show", &asset_id, "--json"]));
    assert_eq!(
        detail["compensation"]["days_held"], 10,
        "1..10 March counted"
    );
    assert_eq!(
        detail["compensation"]["owed"],
        10 * 10_000_50 + 20_000_00_i64,
        "rate x days + loss, in tiyn"
    );

    let claim = json(&jasaq(
        &db,
        &[
            "asset",
            "claim",
            &asset_id,
            "--date",
            "2025-03-11",
            "--amount",
            "120 005",
            "--document",
            "T-1",
            "--json",
        ],
    ));
    let claim_id = claim["id"].as_str().unwrap().to_owned();
    let bad = jasaq(
        &db,
        &[
            "asset",
            "pay",
            &claim_id,
            "--date",
            "2025-03-12",
            "--amount",
            "1",
            "--document",
            "P-0",
        ],
    );
    assert!(!bad.status.success(), "no payment before a decision");
    assert!(text(&bad).contains("decision"), "says why: {}", text(&bad));
    json(&jasaq(
        &db,
        &[
            "asset",
            "decide",
            &claim_id,
            "--date",
            "2025-03-12",
            "--amount",
            "120 005",
            "--document",
            "D-1",
            "--json",
        ],
    ));
    let paid = json(&jasaq(
        &db,
        &[
            "asset",
            "pay",
            &claim_id,
            "--date",
            "2025-03-13",
            "--amount",
            "100 000",
            "--document",
            "P-1",
            "--json",
        ],
    ));
    assert_eq!(paid["status"], "partly_paid", "a partial payment");
    let bad = jasaq(
        &db,
        &[
            "asset",
            "pay",
            &claim_id,
            "--date",
            "2025-03-14",
            "--amount",
            "20 005,01",
            "--document",
            "P-2",
        ],
    );
    assert!(
        text(&bad).contains("overpayment"),
        "one tiyn too many is refused: {}",
        text(&bad)
    );

    let list = json(&jasaq(&db, &["asset", "list", "--unpaid", "--json"]));
    assert_eq!(list["total"], 1, "the asset still has a balance");
    assert_eq!(list["rows"][0]["balance"], 20_005_00, "20 005 tenge left");

    let out_file = dir.path().join("statement.pdf");
    let out = jasaq(
        &db,
        &[
            "asset",
            "statement",
            &asset_id,
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "statement: {}", text(&out));
    let bytes = std::fs::read(&out_file).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF was written");
    let act_file = dir.path().join("act.pdf");
    let out = jasaq(
        &db,
        &[
            "asset",
            "act",
            &asset_id,
            "--out",
            act_file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "act: {}", text(&out));
    let summary = json(&jasaq(&db, &["asset", "summary", "--json"]));
    assert_eq!(
        summary["total"]["returned"], 1,
        "the summary counts the return"
    );
    let out = jasaq(&db, &["audit", "verify"]);
    assert!(
        out.status.success(),
        "the audit chain holds after every asset change: {}",
        text(&out)
    );
}
