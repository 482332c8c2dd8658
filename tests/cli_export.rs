//! `jasaq export ...` end to end: the file appears only when the export is complete, holds
//! the list's filtered rows, and a refused export leaves no file and exits non-zero.

#[path = "common/cli.rs"]
mod cli;
use cli::{database, first_district, iin, jasaq, json, text};

#[test]
fn volunteers_and_the_audit_log_are_exported_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let district = first_district(&db);
    for (serial, surname, citizenship) in [
        (1, "Әбдірахманов", "KZ"),
        (2, "Сейітов", "KZ"),
        (3, "Петров", "stateless"),
    ] {
        let out = jasaq(
            &db,
            &[
                "volunteer",
                "add",
                "--iin",
                &iin("1990-05-17", serial * 10),
                "--surname",
                surname,
                "--given-name",
                "Әлихан",
                "--citizenship",
                citizenship,
                "--region",
                "KZ-11",
                "--district",
                &district,
                "--registered-address",
                "Щучинск, Абай көшесі 1",
                "--phone",
                "8 701 234 56 78",
            ],
        );
        assert!(out.status.success(), "volunteer add: {}", text(&out));
    }

    let csv = dir.path().join("eligible.csv");
    let out = jasaq(
        &db,
        &[
            "export",
            "volunteers",
            "--format",
            "csv",
            "--out",
            csv.to_str().unwrap(),
            "--eligible",
            "true",
            "--json",
        ],
    );
    assert!(out.status.success(), "export volunteers: {}", text(&out));
    assert_eq!(
        json(&out)["rows"],
        2,
        "the two eligible volunteers, not the stateless one"
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let body = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        body.contains("Әбдірахманов") && body.contains("Сейітов"),
        "{body}"
    );
    assert!(!body.contains("Петров"), "the filter holds: {body}");

    let pdf = dir.path().join("audit.pdf");
    let out = jasaq(
        &db,
        &[
            "export",
            "audit",
            "--format",
            "pdf",
            "--out",
            pdf.to_str().unwrap(),
            "--action",
            "volunteer.export",
            "--lang",
            "kk",
        ],
    );
    assert!(out.status.success(), "export audit: {}", text(&out));
    assert!(text(&out).contains("exported 1 rows"), "{}", text(&out));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"), "a PDF");

    let refused = dir.path().join("refused.xlsx");
    let out = jasaq(
        &db,
        &[
            "export",
            "volunteers",
            "--format",
            "xlsx",
            "--out",
            refused.to_str().unwrap(),
            "--from",
            "22.11.2026",
        ],
    );
    assert!(!out.status.success(), "a bad filter is refused");
    assert!(
        text(&out).contains("registered_from"),
        "the field is named: {}",
        text(&out)
    );
    assert!(!refused.exists(), "a refused export leaves no file");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}
