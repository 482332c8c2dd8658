//! A hand-built territorial defence structure for the call-out tests: an Akmola brigade with a
//! company (Burabay) and its platoon, a Karaganda unit facing China, and their volunteers.

use chrono::{TimeZone, Utc};
use jasaq::access::Actor;
use jasaq::clock::Clock;
use jasaq::mobilisation::{
    self, ActivationInput, ActivationKind, CallListQuery, CallRow, MarkInput, Response, ScopeItem,
    ScopeKind, UndoInput,
};
use jasaq::units::{Direction, Unit};
use jasaq::volunteers::{self, UnavailabilityInput, UnavailabilityKind};

use super::units::{assign, enrolled, establish, unit, unit_input};
use super::{cast, Cast, World, AKMOLA, KARAGANDA};

pub struct Town {
    pub world: World,
    pub c: Cast,
    pub brigade: Unit,
    pub company: Unit,
    pub platoon: Unit,
    pub east: Unit,
    /// Burabay, company riflemen.
    pub a1: String,
    pub a2: String,
    pub a3: String,
    /// Zerendi (the other Akmola district), platoon rifleman.
    pub z1: String,
    /// Burabay, brigade HQ (outside the company's subtree).
    pub hq: String,
    /// Karaganda, the eastern unit.
    pub k1: String,
    /// Turns 61 on 2026-12-01: eligible when assigned, not on the day of the activation.
    pub old: String,
    /// Declared ill 2026-12-04..2026-12-10.
    pub away: String,
}

pub fn town() -> Town {
    let mut world = World::new();
    let c = cast(&mut world);
    let n = c.national.clone();
    let brigade = unit(
        &mut world,
        &n,
        unit_input("11-я бригада", "brigade", AKMOLA, None, None),
    );
    let company = unit(
        &mut world,
        &n,
        unit_input(
            "1-я рота",
            "company",
            AKMOLA,
            Some(&c.akmola_district),
            Some(&brigade),
        ),
    );
    let platoon = unit(
        &mut world,
        &n,
        unit_input(
            "1-й взвод",
            "platoon",
            AKMOLA,
            Some(&c.akmola_other_district),
            Some(&company),
        ),
    );
    let mut east_input = unit_input(
        "Шығыс ротасы",
        "company",
        KARAGANDA,
        Some(&c.karaganda_district),
        None,
    );
    east_input.direction = Direction::China;
    let east = unit(&mut world, &n, east_input);
    establish(
        &mut world,
        &n,
        &company,
        &[("rifleman", 4), ("squad_leader", 1)],
    );
    establish(&mut world, &n, &platoon, &[("rifleman", 2)]);
    establish(&mut world, &n, &east, &[("rifleman", 3)]);
    let d = c.akmola_district.clone();
    let z = c.akmola_other_district.clone();
    let k = c.karaganda_district.clone();
    let person = |world: &mut World,
                  district,
                  surname: &str,
                  birth: &str,
                  serial: u16,
                  u: &Unit,
                  pos: &str| {
        let v = enrolled(world, &n, district, surname, birth, serial, vec![]);
        assign(world, &n, &v.id, u, pos);
        v.id
    };
    let a1 = person(
        &mut world,
        &d,
        "Әбенов",
        "1990-01-10",
        11,
        &company,
        "rifleman",
    );
    let a2 = person(
        &mut world,
        &d,
        "Бекенов",
        "1991-02-11",
        12,
        &company,
        "rifleman",
    );
    let a3 = person(
        &mut world,
        &d,
        "Жақыпов",
        "1992-03-12",
        13,
        &company,
        "squad_leader",
    );
    let z1 = person(
        &mut world,
        &z,
        "Зейнолла",
        "1993-04-13",
        14,
        &platoon,
        "rifleman",
    );
    let hq = person(
        &mut world,
        &d,
        "Құсайынов",
        "1985-05-14",
        15,
        &brigade,
        "commander",
    );
    let k1 = person(
        &mut world,
        &k,
        "Қарағұлов",
        "1994-06-15",
        16,
        &east,
        "rifleman",
    );
    let old = person(
        &mut world,
        &d,
        "Оспанов",
        "1965-12-01",
        17,
        &company,
        "rifleman",
    );
    let away = person(
        &mut world,
        &d,
        "Ыдырысов",
        "1995-07-16",
        18,
        &company,
        "rifleman",
    );
    volunteers::declare_unavailability(
        &mut world.store,
        &n,
        UnavailabilityInput {
            volunteer_id: away.clone(),
            from_date: "2026-12-04".into(),
            to_date: "2026-12-10".into(),
            kind: UnavailabilityKind::Illness,
            note: None,
        },
    )
    .expect("unavailability is declared");
    Town {
        world,
        c,
        brigade,
        company,
        platoon,
        east,
        a1,
        a2,
        a3,
        z1,
        hq,
        k1,
        old,
        away,
    }
}

/// An exercise declared 2026-12-05 09:00 (UTC+5), report by 12:00, for `scope`.
pub fn exercise(scope: Vec<ScopeItem>) -> ActivationInput {
    ActivationInput {
        kind: ActivationKind::Exercise,
        legal_basis: "Приказ акима области о проведении учений".into(),
        order_number: "17-ТО".into(),
        declared_at: "2026-12-05 09:00".into(),
        assembly_point: "Көкшетау, стадион".into(),
        report_by: "2026-12-05 12:00".into(),
        scope,
    }
}

pub fn item(kind: ScopeKind, value: &str) -> ScopeItem {
    ScopeItem {
        kind,
        value: value.into(),
        assembly_point: None,
        report_by: None,
    }
}

impl Town {
    /// Declares and activates, then moves the clock to 11:00 local on the day.
    pub fn activated(&mut self, actor: &Actor, scope: Vec<ScopeItem>) -> String {
        let a = mobilisation::declare(&mut self.world.store, actor, exercise(scope))
            .expect("a valid activation is declared");
        mobilisation::activate(&mut self.world.store, actor, &a.id).expect("the draft activates");
        self.at_local(11, 0);
        a.id
    }

    /// Sets the clock to HH:MM local (UTC+5) on 2026-12-05.
    pub fn at_local(&mut self, hour: u32, minute: u32) {
        let now = self.world.clock.now();
        let target = Utc
            .with_ymd_and_hms(2026, 12, 5, hour - 5, minute, 0)
            .unwrap();
        self.world.clock.advance(target - now);
    }
}

/// Undo the last answer on `activation`: the actor's last mark, or `volunteer`'s last answer.
pub fn undo_input(activation: &str, volunteer: Option<&str>) -> UndoInput {
    UndoInput {
        activation_id: activation.into(),
        volunteer_id: volunteer.map(Into::into),
    }
}

/// The call-out list as `actor` reads it.
pub fn list(t: &Town, actor: &Actor, activation: &str) -> Vec<CallRow> {
    mobilisation::call_list(
        &t.world.store,
        actor,
        &CallListQuery {
            activation_id: activation.into(),
            ..CallListQuery::default()
        },
    )
    .expect("the list is readable")
}

/// The volunteers of rows, sorted.
pub fn ids(rows: &[CallRow]) -> Vec<String> {
    let mut v: Vec<String> = rows.iter().map(|r| r.volunteer_id.clone()).collect();
    v.sort();
    v
}

/// `v`, sorted.
pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// Marks a volunteer's answer at the desk.
pub fn mark(
    t: &mut Town,
    actor: &Actor,
    activation: &str,
    volunteer: &str,
    response: Response,
    at: Option<&str>,
    reason: Option<&str>,
) -> jasaq::Result<CallRow> {
    mobilisation::mark(
        &mut t.world.store,
        actor,
        MarkInput {
            activation_id: activation.into(),
            volunteer_id: Some(volunteer.into()),
            iin: None,
            response,
            reported_at: at.map(Into::into),
            reason: reason.map(Into::into),
        },
    )
}
