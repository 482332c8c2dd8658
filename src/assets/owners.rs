//! Owners of requisitioned assets: a citizen by IIN or an organisation by BIN, unique by that
//! number. An owner belongs to the office that recorded it and is also visible wherever one of
//! its assets is.

use crate::places::check_place;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{optional_text, required_text, OwnerKind};
use crate::access::{Actor, Scope};
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::identity::{parse_bin, parse_iin};

/// The owner form. A citizen gives `iin`, `surname`, `given_name` (and optionally
/// `patronymic`); an organisation gives `bin`, `org_name` (and optionally `contact_person`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewOwner {
    pub kind: Option<OwnerKind>,
    pub iin: Option<String>,
    pub bin: Option<String>,
    pub surname: Option<String>,
    pub given_name: Option<String>,
    pub patronymic: Option<String>,
    pub org_name: Option<String>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: String,
    pub region_id: String,
    pub district_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Owner {
    pub id: String,
    pub kind: OwnerKind,
    /// The IIN of a citizen or the BIN of an organisation.
    pub ident: String,
    pub surname: Option<String>,
    pub given_name: Option<String>,
    pub patronymic: Option<String>,
    pub org_name: Option<String>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: String,
    /// "Surname Given Patronymic" or the organisation's name.
    pub display_name: String,
    pub region_id: String,
    pub district_id: String,
    pub created_at: String,
}

pub(crate) const OWNER_COLUMNS: &str = "o.id, o.kind, o.ident, o.surname, o.given_name, \
    o.patronymic, o.org_name, o.contact_person, o.phone, o.email, o.address, o.region_id, \
    o.district_id, o.created_at";

pub(crate) fn owner_from_row(r: &Row<'_>) -> rusqlite::Result<Owner> {
    let kind: String = r.get(1)?;
    let kind =
        OwnerKind::parse(&kind).ok_or_else(|| crate::db::unknown_code(1, "owner kind", &kind))?;
    let surname: Option<String> = r.get(3)?;
    let given: Option<String> = r.get(4)?;
    let patronymic: Option<String> = r.get(5)?;
    let org: Option<String> = r.get(6)?;
    let display_name = match kind {
        OwnerKind::Organisation => org.clone().unwrap_or_default(),
        OwnerKind::Citizen => [&surname, &given, &patronymic]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
    };
    Ok(Owner {
        id: r.get(0)?,
        kind,
        ident: r.get(2)?,
        surname,
        given_name: given,
        patronymic,
        org_name: org,
        contact_person: r.get(7)?,
        phone: r.get(8)?,
        email: r.get(9)?,
        address: r.get(10)?,
        display_name,
        region_id: r.get(11)?,
        district_id: r.get(12)?,
        created_at: r.get(13)?,
    })
}

/// The SQL condition "owner `o` is visible to the scope" and its parameters.
pub(crate) fn owner_visible(scope: &Scope) -> (String, Vec<String>) {
    let (own, p1) = scope.filter("o.region_id", "o.district_id");
    let (via, p2) = scope.filter("v.region_id", "v.district_id");
    (
        format!("(({own}) OR EXISTS (SELECT 1 FROM assets v WHERE v.owner_id = o.id AND {via}))"),
        p1.into_iter().chain(p2).collect(),
    )
}

/// Reads an owner the actor may see: elsewhere is `forbidden/out_of_scope`, missing is
/// `not_found/owner`.
pub(crate) fn find_owner(conn: &Connection, actor: &Actor, id: &str) -> Result<Owner> {
    let (visible, args) = owner_visible(&actor.scope());
    let sql = format!("SELECT {OWNER_COLUMNS} FROM asset_owners o WHERE o.id = ? AND {visible}");
    let all: Vec<String> = std::iter::once(id.to_owned()).chain(args).collect();
    match conn
        .query_row(&sql, rusqlite::params_from_iter(all), owner_from_row)
        .optional()?
    {
        Some(owner) => Ok(owner),
        None => {
            let exists = conn
                .query_row("SELECT 1 FROM asset_owners WHERE id = ?", [id], |_| Ok(()))
                .optional()?
                .is_some();
            Err(if exists {
                Error::forbidden("out_of_scope")
            } else {
                Error::not_found("owner")
            })
        }
    }
}

/// One owner by id.
pub fn get_owner(store: &Store, actor: &Actor, id: &str) -> Result<Owner> {
    actor.ready()?;
    find_owner(store.conn(), actor, id)
}

/// Records an owner. Rule keys: `kind: required`; `iin: required|iin_length|iin_digits|
/// iin_check_digit`; `bin: required|bin_length|bin_digits|bin_check_digit|bin_month`;
/// `surname|given_name|org_name|address: required|too_long`; `phone: phone_format`;
/// `email: email_format`; place rules as for volunteers. A number already recorded is
/// `conflict/owner_registered` (with `owner_id` when the actor may see it) or
/// `conflict/owner_registered_elsewhere`.
pub fn add_owner(store: &mut Store, actor: &Actor, input: NewOwner) -> Result<Owner> {
    actor.require_writer()?;
    let now = store.now();
    let mut problems = Vec::new();
    let (mut surname, mut given, mut patronymic, mut org, mut contact) =
        (None, None, None, None, None);
    let ident = match input.kind {
        None => {
            problems.push(FieldError::new("kind", "required"));
            None
        }
        Some(OwnerKind::Citizen) => {
            surname = Some(required_text(
                "surname",
                input.surname.as_deref().unwrap_or(""),
                100,
                &mut problems,
            ));
            given = Some(required_text(
                "given_name",
                input.given_name.as_deref().unwrap_or(""),
                100,
                &mut problems,
            ));
            patronymic = optional_text(
                "patronymic",
                input.patronymic.as_deref(),
                100,
                &mut problems,
            );
            match parse_iin(input.iin.as_deref().unwrap_or("")) {
                Ok(info) => Some(info.iin),
                Err(e) => {
                    problems.push(e);
                    None
                }
            }
        }
        Some(OwnerKind::Organisation) => {
            org = Some(required_text(
                "org_name",
                input.org_name.as_deref().unwrap_or(""),
                300,
                &mut problems,
            ));
            contact = optional_text(
                "contact_person",
                input.contact_person.as_deref(),
                200,
                &mut problems,
            );
            match parse_bin(input.bin.as_deref().unwrap_or("")) {
                Ok(info) => Some(info.bin),
                Err(e) => {
                    problems.push(e);
                    None
                }
            }
        }
    };
    let phone = match crate::text::clean_opt(input.phone.as_deref()) {
        None => None,
        Some(text) => match crate::volunteers::phone::normalise(&text) {
            Some(p) => Some(p),
            None => {
                problems.push(FieldError::new("phone", "phone_format"));
                None
            }
        },
    };
    let email = optional_text("email", input.email.as_deref(), 254, &mut problems)
        .map(|e| e.to_lowercase());
    if email
        .as_deref()
        .is_some_and(|e| !validator::ValidateEmail::validate_email(&e))
    {
        problems.push(FieldError::new("email", "email_format"));
    }
    let address = required_text("address", &input.address, 500, &mut problems);
    let region_id = input.region_id.trim().to_owned();
    let district_id = input.district_id.trim().to_owned();
    check_place(store.conn(), actor, &region_id, &district_id, &mut problems)?;
    let (Some(kind), Some(ident)) = (input.kind, ident) else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }

    let tx = store.write()?;
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM asset_owners WHERE ident = ?",
            [&ident],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = existing {
        let field = if kind == OwnerKind::Citizen {
            "iin"
        } else {
            "bin"
        };
        let mut err = match find_owner(&tx, actor, &existing) {
            Ok(_) => Error::conflict(
                "owner_registered",
                "an owner with this number is already recorded",
            )
            .with("owner_id", existing),
            Err(_) => Error::conflict(
                "owner_registered_elsewhere",
                "an owner with this number is recorded in another district",
            ),
        };
        err.fields = vec![FieldError::new(field, &err.reason.clone())];
        return Err(err);
    }
    let id = new_id(now).to_string();
    let at = stamp(now);
    tx.execute(
        "INSERT INTO asset_owners (id, kind, ident, surname, given_name, patronymic, org_name,
             contact_person, phone, email, address, region_id, district_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![
            id,
            kind.as_str(),
            ident,
            surname,
            given,
            patronymic,
            org,
            contact,
            phone,
            email,
            address,
            region_id,
            district_id,
            at
        ],
    )?;
    let owner = find_owner(&tx, actor, &id)?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&id),
            region_id: Some(&region_id),
            district_id: Some(&district_id),
            after: Some(serde_json::to_value(&owner)?),
            ..Event::by(actor, "asset.owner_add", "asset_owner")
        },
    )?;
    tx.commit()?;
    Ok(owner)
}
