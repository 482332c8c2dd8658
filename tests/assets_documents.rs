//! The printed documents: the requisition act and the compensation statement are PDFs with
//! the font embedded, Kazakh letters that round-trip through text extraction, and an audit
//! entry naming the kind and the hash of the bytes handed out.

// Amounts are written as tenge then two tiyn digits: 25_000_00 is 25 000,00 tenge.
#![allow(clippy::inconsistent_digit_grouping)]

mod common;

use common::assets::{appraisal, asset_return, operators_truck, requisitioned_truck};
use common::{cast, World};
use jasaq::assets::{self, DocumentKind, Mode};
use sha2::{Digest, Sha256};

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The text of a PDF through poppler's pdftotext (poppler-utils, installed by
/// scripts/install-deps.sh): the check that the words a reader sees are really in the file.
fn extract(bytes: &[u8], dir: &std::path::Path) -> String {
    let pdf = dir.join("doc.pdf");
    std::fs::write(&pdf, bytes).expect("temp file");
    match std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&pdf)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        Ok(out) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => panic!("pdftotext (poppler-utils, make deps) runs: {e}"),
    }
}

#[test]
fn the_act_and_the_statement_are_pdfs_with_the_font_embedded_and_are_audited() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let id = operators_truck(&mut world, &c);
    assets::appraise(
        &mut world.store,
        &op,
        appraisal(&id, 30_000_000_00, Some(45_000_00)),
    )
    .unwrap();
    assets::record_return(
        &mut world.store,
        &op,
        asset_return(&id, "2026-11-20", "Бампер зақымдалған", 500_000_00),
    )
    .unwrap();

    let act = assets::requisition_act(&mut world.store, &op, &id).unwrap();
    let statement = assets::statement(&mut world.store, &c.akmola_viewer.clone(), &id).unwrap();
    for doc in [&act, &statement] {
        assert!(doc.bytes.starts_with(b"%PDF"), "a PDF file");
        assert!(
            contains(&doc.bytes, b"/FontFile2"),
            "the TrueType font is embedded"
        );
        assert!(
            contains(&doc.bytes, b"/ToUnicode"),
            "text maps back to Unicode"
        );
        assert_eq!(
            doc.sha256,
            hex::encode(Sha256::digest(&doc.bytes)),
            "the hash is of the bytes"
        );
    }
    assert_eq!(act.kind, DocumentKind::RequisitionAct, "kind named");
    assert_eq!(
        world.audit_count("asset.document"),
        2,
        "both documents are recorded, the viewer's too"
    );
    let recorded: String = world
        .store
        .conn()
        .query_row(
            "SELECT after FROM audit_log WHERE action = 'asset.document' ORDER BY seq LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        recorded.contains(&act.sha256),
        "the audit entry names the act's hash"
    );
    assert!(recorded.contains("requisition_act"), "and its kind");

    if let Ok(dir) = std::env::var("JASAQ_KEEP_PDF") {
        std::fs::write(format!("{dir}/act.pdf"), &act.bytes).expect("kept");
        std::fs::write(format!("{dir}/statement.pdf"), &statement.bytes).expect("kept");
    }
    {
        let text = extract(&act.bytes, world.dir.path());
        for expected in [
            "ә",
            "ғ",
            "қ",
            "ң",
            "ө",
            "ұ",
            "ү",
            "і",
            "һ",
            "әғқңөұүһі ӘҒҚҢӨҰҮҺІ",
            "Әбілқасымов",
            "01.11.2026",
            "22.11.2026",
            "Бет / Страница 1 / 1",
        ] {
            assert!(
                text.contains(expected),
                "the act shows {expected:?}:\n{text}"
            );
        }
    }
    {
        let text = extract(&statement.bytes, world.dir.path());
        for expected in [
            "20 күн",
            "900 000,00 ₸",
            "500 000,00 ₸",
            "1 400 000,00 ₸",
            "20.11.2026",
        ] {
            assert!(
                text.contains(expected),
                "the statement shows {expected:?}:\n{text}"
            );
        }
    }
}

#[test]
fn a_document_needs_an_order_and_stays_in_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let id = requisitioned_truck(
        &mut world,
        &c.karaganda_admin.clone(),
        &c.karaganda_district,
        1,
        Mode::TemporaryUse,
        "2026-11-01",
    );
    let err = assets::statement(&mut world.store, &c.akmola_operator.clone(), &id).unwrap_err();
    assert_eq!(
        err.reason, "out_of_scope",
        "another region's statement is not printed"
    );
    assert_eq!(
        world.audit_count("asset.document"),
        0,
        "nothing recorded on refusal"
    );
}

#[test]
fn long_texts_flow_onto_more_pages_with_page_numbers() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let owner = assets::add_owner(
        &mut world.store,
        &op,
        common::assets::citizen(&c.akmola_district, 4),
    )
    .unwrap();
    let asset = assets::add_asset(
        &mut world.store,
        &op,
        common::assets::truck(&owner.id, &c.akmola_district),
    )
    .unwrap();
    let mut order =
        common::assets::order(&asset.id, Mode::TemporaryUse, "2026-11-01", "2026-11-01");
    order.intake_condition = "Кабинаның сол жақ есігінде сызат бар. ".repeat(100);
    assets::requisition(&mut world.store, &op, order).unwrap();
    let act = assets::requisition_act(&mut world.store, &op, &asset.id).unwrap();
    assert!(
        contains(&act.bytes, b"/Count 2") || contains(&act.bytes, b"/Count 3"),
        "the act runs over pages"
    );
    {
        let text = extract(&act.bytes, world.dir.path());
        assert!(
            text.contains("Бет / Страница 2 /"),
            "the second page is numbered:\n{text}"
        );
    }
}
