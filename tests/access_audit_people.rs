//! Every change to personal data is audited in the same transaction as the change: for
//! volunteers (registration, correction, enrolment, discharge, unavailability), their unit
//! assignments, accounts and call-out answers, each write runs once with the audit insert
//! failing (it must fail and leave the database as it was) and once for real (exactly one
//! audit entry, under the acting user's name). Call-out contacts are also refused by role and
//! scope, which no other test proves.

#[path = "common/access.rs"]
mod access;
mod common;

use access::{assert_atomic_with_audit, assert_refused, audited_step, fingerprint};
use common::mobilisation::{item, town};
use common::units::{establish, unit, unit_input};
use common::{cast, volunteer_form, World, AKMOLA, PASSWORD};
use jasaq::access::Role;
use jasaq::accounts::{self, ChangePasswordInput, NewUser, ResetPasswordInput, SetupInput};
use jasaq::mobilisation::{
    self, Channel, ContactInput, ContactOutcome, MarkInput, Response, ScopeKind,
};
use jasaq::units::{self, AssignInput, EndAssignmentInput, TransferInput};
use jasaq::volunteers::{
    self, DischargeInput, UnavailabilityInput, UnavailabilityKind, UpdateVolunteer,
};
use jasaq::ErrorCode;

#[test]
fn volunteer_and_assignment_writes_are_audited_in_their_transaction() {
    let mut world = World::new();
    let c = cast(&mut world);
    let (national, admin, op) = (
        c.national.clone(),
        c.akmola_admin.clone(),
        c.akmola_operator.clone(),
    );
    let district = c.akmola_district.clone();
    let first = unit(
        &mut world,
        &national,
        unit_input("1-я рота", "company", AKMOLA, Some(&district), None),
    );
    let second = unit(
        &mut world,
        &national,
        unit_input("2-я рота", "company", AKMOLA, Some(&district), None),
    );
    establish(&mut world, &national, &first, &[("rifleman", 2)]);
    establish(&mut world, &national, &second, &[("rifleman", 2)]);

    let form = volunteer_form(&district, "Сәрсенов", "Ерлан", "1990-03-04", 21);
    let id = audited_step(&mut world, &op, "volunteer.create", |s, a| {
        volunteers::register(s, a, form.clone())
    })
    .volunteer
    .id;
    let mut corrected = form.clone();
    corrected.actual_address = "Көкшетау, Әуезов көшесі 7".into();
    audited_step(&mut world, &admin, "volunteer.update", |s, a| {
        volunteers::update(
            s,
            a,
            UpdateVolunteer {
                id: id.clone(),
                volunteer: corrected.clone(),
            },
        )
    });
    audited_step(&mut world, &national, "volunteer.enrol", |s, a| {
        volunteers::enrol(s, a, &id)
    });
    let away = audited_step(
        &mut world,
        &op,
        "volunteer.unavailability_declare",
        |s, a| {
            volunteers::declare_unavailability(
                s,
                a,
                UnavailabilityInput {
                    volunteer_id: id.clone(),
                    from_date: "2026-12-01".into(),
                    to_date: "2026-12-10".into(),
                    kind: UnavailabilityKind::Illness,
                    note: Some("ауруханада".into()),
                },
            )
        },
    );
    audited_step(
        &mut world,
        &admin,
        "volunteer.unavailability_remove",
        |s, a| volunteers::remove_unavailability(s, a, &away.id),
    );
    audited_step(&mut world, &op, "assignment.start", |s, a| {
        units::assign(
            s,
            a,
            AssignInput {
                volunteer_id: id.clone(),
                unit_id: first.id.clone(),
                position: "rifleman".into(),
                start_date: "2026-11-01".into(),
            },
        )
    });
    audited_step(&mut world, &admin, "assignment.transfer", |s, a| {
        units::transfer(
            s,
            a,
            TransferInput {
                volunteer_id: id.clone(),
                unit_id: second.id.clone(),
                position: "rifleman".into(),
                date: "2026-11-10".into(),
                reason: "ауыстыру".into(),
            },
        )
    });
    audited_step(&mut world, &op, "assignment.end", |s, a| {
        units::end_assignment(
            s,
            a,
            EndAssignmentInput {
                volunteer_id: id.clone(),
                date: "2026-11-20".into(),
                reason: "босату".into(),
            },
        )
    });
    audited_step(&mut world, &national, "volunteer.discharge", |s, a| {
        volunteers::discharge(
            s,
            a,
            DischargeInput {
                id: id.clone(),
                date: "2026-11-21".into(),
                reason: "өз өтініші бойынша".into(),
            },
        )
    });
}

#[test]
fn account_writes_are_audited_in_their_transaction() {
    let mut world = World::new();
    assert_atomic_with_audit(&mut world, "user.setup_first_admin", |w| {
        accounts::setup_first_admin(
            &mut w.store,
            SetupInput {
                username: "chief".into(),
                display_name: "Ерлан Сейітов".into(),
                password: PASSWORD.into(),
            },
        )
        .map(drop)
    });
    assert_eq!(
        world.count("users"),
        0,
        "the first administrator is not created without its audit entry"
    );
    let c = cast(&mut world);
    let (national, admin) = (c.national.clone(), c.akmola_admin.clone());
    let district = c.akmola_district.id.clone();

    let user = audited_step(&mut world, &admin, "user.create", |s, a| {
        accounts::create_user(
            s,
            a,
            NewUser {
                username: "akm.op2".into(),
                display_name: "Айгүл Серікова".into(),
                role: Role::DistrictOperator,
                region_id: None,
                district_id: Some(district.clone()),
                password: "temporary-pass-123".into(),
            },
        )
    });
    let first = world
        .sign_in("akm.op2", "temporary-pass-123")
        .expect("the temporary password signs in");
    let own = audited_step(&mut world, &first, "user.change_password", |s, a| {
        accounts::change_password(
            s,
            a,
            ChangePasswordInput {
                current_password: "temporary-pass-123".into(),
                new_password: PASSWORD.into(),
            },
        )
    });
    assert_eq!(
        own.user_id(),
        user.id,
        "the user changed their own password"
    );
    audited_step(&mut world, &national, "user.reset_password", |s, a| {
        accounts::reset_password(
            s,
            a,
            ResetPasswordInput {
                user_id: user.id.clone(),
                new_password: "another-temporary-456".into(),
            },
        )
    });
    audited_step(&mut world, &admin, "user.deactivate", |s, a| {
        accounts::deactivate_user(s, a, &user.id)
    });
    audited_step(&mut world, &national, "user.reactivate", |s, a| {
        accounts::reactivate_user(s, a, &user.id)
    });
}

#[test]
fn call_out_answers_and_contacts_are_audited_and_confined_to_scope() {
    let mut t = town();
    let n = t.c.national.clone();
    let id = t.activated(&n, vec![item(ScopeKind::Unit, &t.company.id)]);
    let (admin, op, viewer, karaganda) = (
        t.c.akmola_admin.clone(),
        t.c.akmola_operator.clone(),
        t.c.akmola_viewer.clone(),
        t.c.karaganda_admin.clone(),
    );
    let (a1, a2, z1) = (t.a1.clone(), t.a2.clone(), t.z1.clone());
    let contact = |volunteer: &str| ContactInput {
        activation_id: id.clone(),
        volunteer_id: volunteer.into(),
        at: None,
        channel: Channel::Phone,
        outcome: ContactOutcome::Reached,
        note: Some("телефонмен хабарласты".into()),
    };
    let answer = |volunteer: &str| MarkInput {
        activation_id: id.clone(),
        volunteer_id: Some(volunteer.into()),
        iin: None,
        response: Response::Reported,
        reported_at: None,
        reason: None,
    };

    let refusals = [
        (
            &viewer,
            a1.as_str(),
            ErrorCode::Forbidden,
            "role",
            "a viewer",
        ),
        (
            &karaganda,
            a1.as_str(),
            ErrorCode::Forbidden,
            "out_of_scope",
            "another region's admin",
        ),
        (
            &op,
            z1.as_str(),
            ErrorCode::Forbidden,
            "out_of_scope",
            "an operator, for a volunteer of another district",
        ),
    ];
    for (actor, volunteer, code, reason, who) in refusals {
        let before = fingerprint(&t.world);
        assert_refused(
            mobilisation::record_contact(&mut t.world.store, actor, contact(volunteer)),
            code,
            reason,
            &format!("{who} records no contact attempt"),
        );
        assert_refused(
            mobilisation::mark(&mut t.world.store, actor, answer(volunteer)),
            code,
            reason,
            &format!("{who} marks no answer"),
        );
        assert_eq!(
            fingerprint(&t.world),
            before,
            "refusals to {who} write nothing"
        );
    }

    audited_step(&mut t.world, &op, "activation.contact", |s, a| {
        mobilisation::record_contact(s, a, contact(&a1))
    });
    audited_step(&mut t.world, &op, "activation.answer", |s, a| {
        mobilisation::mark(s, a, answer(&a1))
    });
    audited_step(&mut t.world, &admin, "activation.contact", |s, a| {
        mobilisation::record_contact(s, a, contact(&z1))
    });
    audited_step(&mut t.world, &admin, "activation.answer", |s, a| {
        mobilisation::mark(s, a, answer(&a2))
    });
}
