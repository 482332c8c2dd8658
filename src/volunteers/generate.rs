//! A generator of realistic volunteers for benchmarks and tests: valid IINs, Kazakh and
//! Russian names (every Kazakh letter occurs), every region, several districts each, skills,
//! a few foreign and stateless applicants. Deterministic for a seed. Rows go through the same
//! insert as registration (columns, folded search text, eligibility decision), in one
//! transaction, without the per-record audit entry: one entry records the generation.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::eligibility::current_rules;
use super::record::insert;
use super::validate::Clean;
use super::{HealthCategory, MilitaryService, VolunteerSkill};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::identity::{make_iin, Sex};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GenerateOptions {
    #[ts(type = "number")]
    pub count: u64,
    #[ts(type = "number")]
    pub seed: u64,
    /// Districts made in every region that has fewer active ones.
    pub districts_per_region: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GenerateReport {
    #[ts(type = "number")]
    pub inserted: u64,
    pub districts: u32,
}

/// SplitMix64: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

pub const KAZAKH_MALE: &[&str] = &[
    "Әлихан",
    "Серік",
    "Нұрлан",
    "Ерлан",
    "Дәурен",
    "Асқар",
    "Бауыржан",
    "Ғалым",
    "Қайрат",
    "Мұрат",
    "Өмірзақ",
    "Үсен",
    "Жанболат",
    "Ерғали",
    "Айбек",
    "Талғат",
    "Санжар",
    "Арман",
    "Нұржан",
    "Дархан",
    "Шаһизада",
    "Іңкәрбек",
    "Ербол",
    "Марат",
    "Темірлан",
    "Елдос",
];
pub const KAZAKH_FEMALE: &[&str] = &[
    "Жанна",
    "Әйгерім",
    "Гүлнар",
    "Айгүл",
    "Ақмарал",
    "Динара",
    "Мөлдір",
    "Салтанат",
    "Ұлжан",
    "Жұлдыз",
    "Аружан",
    "Іңкәр",
    "Балнұр",
    "Назерке",
    "Ғалия",
    "Қарлығаш",
    "Шұғыла",
    "Дана",
    "Томирис",
    "Камила",
];
pub const RUSSIAN_MALE: &[&str] = &[
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Иван",
    "Николай",
    "Пётр",
    "Юрий",
    "Виктор",
    "Артём",
    "Фёдор",
    "Михаил",
    "Владимир",
    "Евгений",
    "Константин",
];
pub const RUSSIAN_FEMALE: &[&str] = &[
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Анна",
    "Мария",
    "Светлана",
    "Алёна",
    "Юлия",
    "Екатерина",
    "Ксения",
    "Дарья",
    "Валентина",
];
/// Surname stems; the generator adds -ов/-ова, -ев/-ева, -ин/-ина or Kazakh forms.
pub const KAZAKH_SURNAME_STEMS: &[&str] = &[
    "Әбдірахман",
    "Сейіт",
    "Нұрлан",
    "Қасым",
    "Оспан",
    "Жұмабай",
    "Ахмет",
    "Серікбай",
    "Төлеген",
    "Құнанбай",
    "Мұқан",
    "Бекмұхамед",
    "Иса",
    "Ғабдулл",
    "Сәрсенбай",
    "Өтеп",
    "Ермек",
    "Тоқа",
    "Байжан",
    "Шәріп",
    "Үкібай",
    "Ыбырай",
    "Әлімжан",
    "Дүйсенбай",
    "Жақып",
    "Кенжебай",
    "Омар",
    "Смағұл",
    "Рақым",
    "Есенғали",
    "Тұрсын",
    "Бөкей",
    "Мақаш",
    "Қожахмет",
    "Сүлеймен",
    "Айтмұхамбет",
    "Нұрпейіс",
    "Досмұхамед",
    "Жанұзақ",
    "Ілияс",
];
pub const RUSSIAN_SURNAME_STEMS: &[&str] = &[
    "Иван",
    "Петр",
    "Смирн",
    "Кузнец",
    "Поп",
    "Сокол",
    "Лебед",
    "Козл",
    "Новик",
    "Мороз",
    "Волк",
    "Фёдор",
    "Орл",
    "Ёлкин",
    "Павл",
    "Семён",
    "Голуб",
    "Виноград",
    "Богдан",
    "Воробь",
    "Медвед",
    "Жук",
    "Киселёв",
    "Макар",
    "Андре",
    "Ковал",
    "Тарас",
    "Белоус",
];
const STREETS: &[&str] = &[
    "Абай даңғылы",
    "Достық көшесі",
    "ул. Ленина",
    "Сейфуллин көшесі",
    "ул. Гагарина",
    "Тәуелсіздік даңғылы",
    "ул. Пушкина",
    "Қабанбай батыр даңғылы",
    "Мәңгілік Ел даңғылы",
];
const SKILLS: &[&str] = &[
    "medic",
    "driver",
    "engineer",
    "communications",
    "drone_operator",
    "weapons",
    "cook",
];
const FOREIGN: &[&str] = &["RU", "UZ", "KG", "CN", "TJ", "TR"];

fn surname(rng: &mut Rng, kazakh: bool, sex: Sex) -> String {
    if kazakh {
        let stem = rng.pick(KAZAKH_SURNAME_STEMS);
        let ends_vowel = stem.ends_with(['а', 'е', 'и', 'о', 'ы', 'і']);
        match (rng.below(4), sex) {
            (0, Sex::Male) => format!("{stem}ұлы"),
            (0, Sex::Female) => format!("{stem}қызы"),
            (_, Sex::Male) if ends_vowel => format!("{stem}ев"),
            (_, Sex::Female) if ends_vowel => format!("{stem}ева"),
            (_, Sex::Male) => format!("{stem}ов"),
            (_, Sex::Female) => format!("{stem}ова"),
        }
    } else {
        let stem = rng.pick(RUSSIAN_SURNAME_STEMS);
        if stem.ends_with("ёв") || stem.ends_with("ин") {
            match sex {
                Sex::Male => (*stem).to_owned(),
                Sex::Female => format!("{stem}а"),
            }
        } else {
            let suffix = if stem.ends_with(['ь', 'е', 'й']) {
                "ев"
            } else {
                "ов"
            };
            let stem = stem.trim_end_matches('ь');
            match sex {
                Sex::Male => format!("{stem}{suffix}"),
                Sex::Female => format!("{stem}{suffix}а"),
            }
        }
    }
}

fn patronymic(rng: &mut Rng, kazakh: bool, sex: Sex) -> Option<String> {
    if rng.chance(15) {
        return None;
    }
    let father = if kazakh {
        rng.pick(KAZAKH_MALE)
    } else {
        rng.pick(RUSSIAN_MALE)
    };
    let father = father.trim_end_matches(['й', 'ь']);
    Some(match sex {
        Sex::Male => format!("{father}ович"),
        Sex::Female => format!("{father}овна"),
    })
}

/// Makes sure every region has `per_region` active districts; returns their ids by region.
pub(crate) fn districts(
    tx: &rusqlite::Transaction<'_>,
    now: DateTime<Utc>,
    per_region: u32,
) -> Result<Vec<(String, Vec<String>)>> {
    let regions: Vec<String> = tx
        .prepare("SELECT id FROM regions ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for region in regions {
        let mut ids: Vec<String> = tx
            .prepare(
                "SELECT id FROM districts WHERE region_id = ? AND retired_at IS NULL ORDER BY id",
            )?
            .query_map([&region], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for n in ids.len() as u32..per_region.max(1) {
            let id = new_id(now).to_string();
            tx.execute(
                "INSERT INTO districts (id, region_id, name_kk, name_ru, name_en, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    region,
                    format!("{} ауданы №{}", region, n + 1),
                    format!("Район №{} ({})", n + 1, region),
                    format!("District {} ({})", n + 1, region),
                    stamp(now)
                ],
            )?;
            ids.push(id);
        }
        out.push((region, ids));
    }
    Ok(out)
}

/// One generated person, or `None` when the drawn birth date and serial give no valid IIN.
/// `places` are region ids with their district ids; `bits` the skill bits of the catalogue.
pub(crate) fn person(
    rng: &mut Rng,
    places: &[(String, Vec<String>)],
    today: NaiveDate,
    bits: &[(String, i64)],
) -> Option<Clean> {
    let sex = if rng.chance(70) {
        Sex::Male
    } else {
        Sex::Female
    };
    let kazakh = rng.chance(70);
    // Ages 16..=70 (some outside the rules on purpose).
    let age_days = 16 * 365 + rng.below(54 * 365) as i64;
    let birth = today - Duration::days(age_days);
    let serial = rng.below(10_000) as u16;
    let iin = make_iin(birth, sex, serial)?;
    let given = match (kazakh, sex) {
        (true, Sex::Male) => rng.pick(KAZAKH_MALE),
        (true, Sex::Female) => rng.pick(KAZAKH_FEMALE),
        (false, Sex::Male) => rng.pick(RUSSIAN_MALE),
        (false, Sex::Female) => rng.pick(RUSSIAN_FEMALE),
    };
    let (region, district_ids) = rng.pick(places);
    let district = rng.pick(district_ids);
    let citizenship = match rng.below(100) {
        0 => "stateless".to_owned(),
        1 | 2 => (*rng.pick(FOREIGN)).to_owned(),
        _ => "KZ".to_owned(),
    };
    let address = format!(
        "{}, {} {}, кв. {}",
        region,
        rng.pick(STREETS),
        1 + rng.below(200),
        1 + rng.below(300)
    );
    let actual = if rng.chance(80) {
        address.clone()
    } else {
        format!("{}, {} {}", region, rng.pick(STREETS), 1 + rng.below(200))
    };
    let mut skills: Vec<VolunteerSkill> = Vec::new();
    for _ in 0..rng.below(3) {
        let code = (*rng.pick(SKILLS)).to_owned();
        if skills.iter().any(|s| s.code == code) {
            continue;
        }
        let licence_categories = if code == "driver" {
            vec!["B".to_owned(), "C".to_owned()]
        } else {
            Vec::new()
        };
        skills.push(VolunteerSkill {
            code,
            licence_categories,
            certificate_number: rng
                .chance(30)
                .then(|| format!("C-{}", rng.below(1_000_000))),
            certificate_expiry: None,
        });
    }
    let health = match rng.below(20) {
        0 => Some(HealthCategory::D),
        1 => Some(HealthCategory::G),
        2..=4 => Some(HealthCategory::V),
        5..=9 => Some(HealthCategory::B),
        10..=17 => Some(HealthCategory::A),
        _ => None,
    };
    let skill_mask = skills
        .iter()
        .filter_map(|s| bits.iter().find(|(code, _)| *code == s.code))
        .fold(0i64, |mask, (_, bit)| mask | (1 << bit));
    Some(Clean {
        iin,
        surname: surname(rng, kazakh, sex),
        given_name: (*given).to_owned(),
        patronymic: patronymic(rng, kazakh, sex),
        birth_date: birth,
        sex,
        citizenship,
        region_id: region.clone(),
        district_id: district.clone(),
        registered_address: address,
        actual_address: actual,
        phone: format!("+77{:09}", rng.below(1_000_000_000)),
        email: rng
            .chance(40)
            .then(|| format!("volunteer{}@mail.kz", rng.below(10_000_000))),
        military_service: *rng.pick(&[
            MilitaryService::None,
            MilitaryService::None,
            MilitaryService::Conscript,
            MilitaryService::Contract,
            MilitaryService::Reserve,
            MilitaryService::Officer,
        ]),
        health_category: health,
        notes: None,
        skills,
        skill_mask,
    })
}

/// Inserts `count` generated volunteers in one transaction (national administrators only).
pub fn generate(
    store: &mut Store,
    actor: &Actor,
    options: GenerateOptions,
) -> Result<GenerateReport> {
    actor.require_national_admin()?;
    let now = store.now();
    let conn = store.conn();
    // A bulk load wants a large page cache; restored afterwards.
    let old_cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -400_000)?;
    let result = generate_in(store, actor, &options, now);
    store.conn().pragma_update(None, "cache_size", old_cache)?;
    result
}

fn generate_in(
    store: &mut Store,
    actor: &Actor,
    options: &GenerateOptions,
    now: DateTime<Utc>,
) -> Result<GenerateReport> {
    let tx = store.write()?;
    let places = districts(&tx, now, options.districts_per_region)?;
    let district_count = places.iter().map(|(_, d)| d.len() as u32).sum();
    let rules = current_rules(&tx)?;
    let bits: Vec<(String, i64)> = tx
        .prepare("SELECT code, bit FROM skills WHERE bit IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rng = Rng::new(options.seed);
    let mut used: HashSet<String> = HashSet::with_capacity(options.count as usize);
    let today = (now + Duration::hours(5)).date_naive();
    let mut inserted = 0;
    let mut attempts = 0u64;
    while inserted < options.count {
        attempts += 1;
        if attempts > options.count * 3 + 100 {
            return Err(Error::internal("generator cannot find free IINs"));
        }
        let Some(clean) = person(&mut rng, &places, today, &bits) else {
            continue;
        };
        if !used.insert(clean.iin.clone()) {
            continue;
        }
        // Registered at some moment of the last two years.
        let at = now - Duration::seconds(rng.below(2 * 365 * 86_400) as i64);
        let (volunteer, _) = match insert(&tx, at, &clean, &rules) {
            Ok(done) => done,
            // An IIN already in the database (registered by hand): skip it.
            Err(_) if iin_taken(&tx, &clean.iin)? => continue,
            Err(e) => return Err(e),
        };
        if volunteer.eligible && rng.chance(35) {
            tx.prepare_cached(
                "UPDATE volunteers SET status = 'enrolled', enrolled_at = ?2 WHERE id = ?1",
            )?
            .execute(params![volunteer.id, stamp(at)])?;
        } else if rng.chance(2) {
            tx.prepare_cached(
                "UPDATE volunteers SET status = 'discharged', discharged_on = ?2,
                     discharge_reason = 'generated' WHERE id = ?1",
            )?
            .execute(params![
                volunteer.id,
                at.date_naive().format("%Y-%m-%d").to_string()
            ])?;
        }
        inserted += 1;
    }
    // A bulk load leaves the trigram indexes in many small segments; merging them once makes
    // every later search read one b-tree per term.
    super::search_index::optimize(&tx)?;
    audit::record(
        &tx,
        now,
        Event {
            after: Some(serde_json::json!({"generated": inserted, "seed": options.seed})),
            ..Event::by(actor, "volunteer.generate", "volunteer")
        },
    )?;
    tx.commit()?;
    Ok(GenerateReport {
        inserted,
        districts: district_count,
    })
}

fn iin_taken(conn: &rusqlite::Connection, iin: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM volunteers WHERE iin = ?", [iin], |_| Ok(()))
        .ok()
        .is_some())
}
