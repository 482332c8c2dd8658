//! Building blocks of the unit tests: enrolled volunteers, units and establishments.

use jasaq::access::Actor;
use jasaq::places::District;
use jasaq::units::{
    self, Direction, EstablishmentInput, EstablishmentLineInput, Unit, UnitInput, UnitStatus,
};
use jasaq::volunteers::{self, SkillInput, Volunteer};

use super::{volunteer_form, World};

/// Registers and enrols a volunteer of `district` (by a national administrator).
pub fn enrolled(
    world: &mut World,
    admin: &Actor,
    district: &District,
    surname: &str,
    birth: &str,
    serial: u16,
    skills: Vec<SkillInput>,
) -> Volunteer {
    let id = registered(world, admin, district, surname, birth, serial, skills);
    volunteers::enrol(&mut world.store, admin, &id).expect("an eligible volunteer is enrolled")
}

/// Registers (without enrolling) a volunteer; returns the id.
pub fn registered(
    world: &mut World,
    admin: &Actor,
    district: &District,
    surname: &str,
    birth: &str,
    serial: u16,
    skills: Vec<SkillInput>,
) -> String {
    let mut form = volunteer_form(district, surname, "Арман", birth, serial);
    form.skills = skills;
    volunteers::register(&mut world.store, admin, form)
        .expect("a valid form registers")
        .volunteer
        .id
}

pub fn skill(code: &str, expiry: Option<&str>) -> SkillInput {
    SkillInput {
        code: code.into(),
        licence_categories: if code == "driver" {
            vec!["B".into()]
        } else {
            Vec::new()
        },
        certificate_number: expiry.map(|_| "C-1".into()),
        certificate_expiry: expiry.map(Into::into),
    }
}

pub fn unit_input(
    name: &str,
    kind: &str,
    region: &str,
    district: Option<&District>,
    parent: Option<&Unit>,
) -> UnitInput {
    UnitInput {
        name: name.into(),
        kind: kind.into(),
        parent_id: parent.map(|p| p.id.clone()),
        agency_id: "defence".into(),
        region_id: region.into(),
        district_id: district.map(|d| d.id.clone()),
        direction: Direction::Russia,
        status: UnitStatus::Forming,
        commander_id: None,
    }
}

pub fn unit(world: &mut World, admin: &Actor, input: UnitInput) -> Unit {
    units::create_unit(&mut world.store, admin, input).expect("a valid unit is created")
}

pub fn establish(world: &mut World, admin: &Actor, unit: &Unit, lines: &[(&str, i64)]) {
    units::set_establishment(
        &mut world.store,
        admin,
        EstablishmentInput {
            unit_id: unit.id.clone(),
            lines: lines
                .iter()
                .map(|(p, n)| EstablishmentLineInput {
                    position: (*p).into(),
                    authorised: *n,
                })
                .collect(),
        },
    )
    .expect("a valid establishment is set");
}

pub fn assign(world: &mut World, actor: &Actor, volunteer: &str, unit: &Unit, position: &str) {
    units::assign(
        &mut world.store,
        actor,
        units::AssignInput {
            volunteer_id: volunteer.into(),
            unit_id: unit.id.clone(),
            position: position.into(),
            start_date: "2026-11-01".into(),
        },
    )
    .expect("an eligible volunteer is assigned");
}
