//! A roster handed out: publishing freezes a version and lists the changes made after it; the
//! facility's week prints as a PDF, the roster goes out as XLSX and a volunteer's shifts as
//! iCalendar, and every export is audited.

mod common;

use common::rosters::{guarded_facility, seat, week, Guards, MON_08};
use common::{cast, Cast, World};
use jasaq::reports::Lang;
use jasaq::rosters::export::RosterExport;
use jasaq::rosters::roster::{self, PinInput, PublishInput};
use jasaq::ErrorCode;

#[test]
fn publishing_freezes_a_version_and_later_changes_are_listed() {
    let mut world = World::new();
    let c = cast(&mut world);
    let (g, f) = guarded_facility(&mut world, &c, 3);
    let gate = f.posts[0].id.clone();
    let first = roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&gate, MON_08, &g.ids[0]),
    )
    .expect("assigned");
    let published = roster::publish(
        &mut world.store,
        &c.akmola_operator,
        PublishInput {
            facility_id: f.id.clone(),
            from: "2026-11-23".into(),
            days: 7,
        },
    )
    .expect("the operator publishes the week");
    assert_eq!(published.version, 1, "the first publication is version 1");
    roster::remove_seat(&mut world.store, &c.akmola_operator, &first.assignment_id)
        .expect("a seat is removed after publishing");
    roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&gate, MON_08, &g.ids[1]),
    )
    .expect("another guard takes it");
    let view = roster::roster_view(&world.store, &c.national, &week(&f.id)).expect("read");
    let publication = view.publication.expect("the published version is shown");
    let mut kinds: Vec<_> = publication
        .changes
        .iter()
        .map(|ch| (ch.kind.as_str(), ch.volunteer_id.clone()))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        vec![("added", g.ids[1].clone()), ("removed", g.ids[0].clone())],
        "the swap is tracked against the frozen version"
    );
    let err = world
        .store
        .conn()
        .execute("UPDATE roster_publications SET snapshot = '[]'", []);
    assert!(err.is_err(), "a published version can never be rewritten");
    let err = roster::publish(
        &mut world.store,
        &c.akmola_viewer,
        PublishInput {
            facility_id: f.id.clone(),
            from: "2026-11-23".into(),
            days: 7,
        },
    )
    .expect_err("viewers do not publish");
    assert_eq!(err.code, ErrorCode::Forbidden, "read-only role");
    let err = roster::pin_seat(
        &mut world.store,
        &c.karaganda_admin,
        PinInput {
            assignment_id: view
                .cells
                .iter()
                .find_map(|c| c.seats.first())
                .expect("a seat is on the roster")
                .assignment_id
                .clone(),
            pinned: true,
        },
    )
    .expect_err("another region may not pin");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope");
}

/// A facility with its first guard on the gate on Monday 08:00, and its week to export in `lang`.
fn one_seat_week(lang: Lang) -> (World, Cast, Guards, RosterExport) {
    let mut world = World::new();
    let c = cast(&mut world);
    let (g, f) = guarded_facility(&mut world, &c, 3);
    roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&f.posts[0].id, MON_08, &g.ids[0]),
    )
    .expect("assigned");
    let input = RosterExport {
        query: week(&f.id),
        lang,
    };
    (world, c, g, input)
}

#[test]
fn the_facility_week_prints_as_a_pdf_and_the_export_is_audited() {
    let (mut world, c, _, input) = one_seat_week(Lang::Kk);
    let (name, bytes) =
        jasaq::rosters::export::facility_roster_pdf(&mut world.store, &c.akmola_viewer, &input)
            .expect("a viewer may print the roster");
    assert!(bytes.starts_with(b"%PDF"), "the bytes are a PDF");
    assert!(name.ends_with(".pdf"), "the file is named as a PDF: {name}");
    assert_eq!(
        world.audit_count("roster.export"),
        1,
        "the export is audited"
    );
    let err =
        jasaq::rosters::export::facility_roster_pdf(&mut world.store, &c.karaganda_admin, &input)
            .expect_err("another region may not print it");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope");
}

#[test]
fn the_roster_goes_out_as_xlsx_and_a_volunteers_shifts_as_icalendar() {
    let (mut world, c, g, input) = one_seat_week(Lang::En);
    let (name, bytes) = jasaq::rosters::export::facility_roster_table(
        &mut world.store,
        &c.akmola_operator,
        &input,
        jasaq::reports::ExportFormat::Xlsx,
    )
    .expect("the operator exports the week");
    assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip");
    assert!(name.ends_with(".xlsx"), "named as XLSX: {name}");

    let calendar = jasaq::rosters::export::VolunteerCalendarExport {
        volunteer_id: g.ids[0].clone(),
        from: "2026-11-23".into(),
        days: 28,
    };
    let (name, bytes) =
        jasaq::rosters::export::volunteer_calendar(&mut world.store, &c.akmola_admin, &calendar)
            .expect("the region's admin exports a guard's shifts");
    let text = String::from_utf8(bytes).expect("iCalendar is text");
    assert!(name.ends_with(".ics"), "named as iCalendar: {name}");
    assert!(
        text.contains("BEGIN:VCALENDAR") && text.matches("BEGIN:VEVENT").count() == 1,
        "one event for the one shift: {text}"
    );
    assert!(
        text.contains("DTSTART:20261123T030000Z") && text.contains("DTEND:20261123T110000Z"),
        "the shift is written in UTC (08:00-16:00 local): {text}"
    );
    assert!(text.contains("Қақпа"), "the post names the event: {text}");
    assert_eq!(
        world.audit_count("roster.export") + world.audit_count("roster.calendar_export"),
        2,
        "both exports are audited"
    );
    let err =
        jasaq::rosters::export::volunteer_calendar(&mut world.store, &c.karaganda_admin, &calendar)
            .expect_err("another region may not export the guard's shifts");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope");

    let (name, bytes) = jasaq::rosters::export::volunteer_schedule_pdf(
        &mut world.store,
        &c.akmola_operator,
        &calendar,
        jasaq::reports::Lang::Ru,
    )
    .expect("the operator prints the guard's personal schedule");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    assert!(name.starts_with("schedule-"), "named as a schedule: {name}");
    assert_eq!(
        world.audit_count("roster.schedule_export"),
        1,
        "the personal schedule export is audited"
    );
}
