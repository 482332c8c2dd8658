//! The printed documents: the requisition act handed to the owner at intake, and the
//! compensation statement with the computation line by line, the payments and the balance.
//! Labels are in Kazakh and Russian; dates are dd.MM.yyyy; money is `1 234 567,89 ₸`.
//! Generating one is a read, open to every role in scope, and is recorded in the audit log
//! (`asset.document`) with the document kind and the SHA-256 of the bytes handed out.

use crate::clock::local_today;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::detail::{load, AssetDetail};
use super::money::format_tenge;
use super::outcome::Outcome;
use super::register::{asset_event, RequisitionOrder};
use super::{AssetKind, Mode, OwnerKind};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::pdf::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    RequisitionAct,
    CompensationStatement,
}

/// A generated PDF: a suggested file name, its SHA-256 and its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Document {
    pub kind: DocumentKind,
    pub file_name: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

/// `2026-11-22` as `22.11.2026`; text that is not a date is shown as is.
fn dmy(text: &str) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.format("%d.%m.%Y").to_string())
        .unwrap_or_else(|_| text.to_owned())
}

fn place_names(conn: &Connection, region: &str, district: &str) -> Result<String> {
    let region: String = conn
        .query_row("SELECT name_kk FROM regions WHERE id = ?", [region], |r| {
            r.get(0)
        })
        .unwrap_or_else(|_| region.to_owned());
    let district: String = conn
        .query_row(
            "SELECT name_kk FROM districts WHERE id = ?",
            [district],
            |r| r.get(0),
        )
        .unwrap_or_else(|_| district.to_owned());
    Ok(format!("{region}, {district}"))
}

fn kind_label(kind: AssetKind) -> &'static str {
    match kind {
        AssetKind::Building => "Ғимарат / Здание",
        AssetKind::Premises => "Үй-жай / Помещение",
        AssetKind::Land => "Жер учаскесі / Земельный участок",
        AssetKind::Vehicle => "Көлік құралы / Транспортное средство",
        AssetKind::SpecialMachinery => "Арнайы техника / Специальная техника",
        AssetKind::Equipment => "Жабдық / Оборудование",
        AssetKind::FuelSupplies => "Жанармай мен керек-жарақ / Топливо и припасы",
        AssetKind::Other => "Басқа мүлік / Иное имущество",
    }
}

fn mode_label(mode: Mode) -> &'static str {
    match mode {
        Mode::TemporaryUse => "Уақытша пайдалану / Временное пользование",
        Mode::TransferOfOwnership => "Меншікке беру / Передача в собственность",
    }
}

/// The label of a computation line, by its key.
pub fn line_label(key: &str) -> &'static str {
    match key {
        "use_days" => "Ұстау күндері (қабылдау мен қайтару күндері қоса) / Дней пользования (включая дни приёма и возврата)",
        "use_rate" => "Тәуліктік пайдалану мөлшерлемесі / Ставка пользования в сутки",
        "use_amount" => "Пайдалану үшін (мөлшерлеме × күн) / За пользование (ставка × дни)",
        "loss_of_value" => "Құнның төмендеуі / Утрата стоимости",
        "market_value" => "Нарықтық құны / Рыночная стоимость",
        "total" => "Барлығы есептелді / Итого начислено",
        "decided" => "Шешім бойынша / По решению",
        "paid" => "Төленді / Выплачено",
        "balance" => "Қалдық / Остаток к выплате",
        _ => "—",
    }
}

fn header(conn: &Connection, detail: &AssetDetail, today: NaiveDate) -> Result<String> {
    Ok(format!(
        "{} · {}",
        place_names(conn, &detail.asset.region_id, &detail.asset.district_id)?,
        today.format("%d.%m.%Y")
    ))
}

fn identifiers(layout: &mut Layout, detail: &AssetDetail) {
    let a = &detail.asset;
    layout.field("Түрі / Вид", kind_label(a.kind));
    layout.field("Сипаттамасы / Описание", &a.description);
    for (label, value) in [
        ("Мемл. нөмірі / Госномер", &a.plate_number),
        ("VIN", &a.vin),
        ("Кадастрлық нөмірі / Кадастровый номер", &a.cadastral_number),
        ("Сериялық нөмірі / Серийный номер", &a.serial_number),
    ] {
        if let Some(value) = value {
            layout.field(label, value);
        }
    }
    layout.field("Орналасқан жері / Адрес", &a.address);
}

fn owner_block(layout: &mut Layout, detail: &AssetDetail) {
    let o = &detail.owner;
    let (label, ident) = match o.kind {
        OwnerKind::Citizen => ("ЖСН / ИИН", "Азамат / Гражданин"),
        OwnerKind::Organisation => ("БСН / БИН", "Ұйым / Организация"),
    };
    layout.field(
        "Меншік иесі / Собственник",
        &format!("{} ({ident})", o.display_name),
    );
    layout.field(label, &o.ident);
    layout.field("Мекенжайы / Адрес", &o.address);
    if let Some(phone) = &o.phone {
        layout.field("Телефон", phone);
    }
}

fn finish(
    store: &mut Store,
    actor: &Actor,
    detail: &AssetDetail,
    kind: DocumentKind,
    bytes: Vec<u8>,
) -> Result<Document> {
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let now = store.now();
    let kind_text = match kind {
        DocumentKind::RequisitionAct => "requisition_act",
        DocumentKind::CompensationStatement => "compensation_statement",
    };
    let tx = store.write()?;
    audit::record(
        &tx,
        now,
        Event {
            after: Some(
                serde_json::json!({"kind": kind_text, "sha256": sha256, "bytes": bytes.len()}),
            ),
            ..asset_event(actor, "asset.document", &detail.asset)
        },
    )?;
    tx.commit()?;
    Ok(Document {
        kind,
        file_name: format!("{kind_text}-{}.pdf", detail.asset.id),
        sha256,
        bytes,
    })
}

/// Today, the asset read through the actor's scope, and its requisition order: what both
/// documents are printed from. `conflict/not_requisitioned` before its order.
fn requisitioned(
    store: &Store,
    actor: &Actor,
    asset_id: &str,
) -> Result<(NaiveDate, AssetDetail, RequisitionOrder)> {
    actor.ready()?;
    let today = local_today(store.now());
    let detail = load(store.conn(), actor, asset_id, today)?;
    let order = detail.order.clone().ok_or_else(|| {
        Error::conflict(
            "not_requisitioned",
            "this asset has no requisition order yet",
        )
    })?;
    Ok((today, detail, order))
}

/// The requisition act of an asset. `conflict/not_requisitioned` before its order.
pub fn requisition_act(store: &mut Store, actor: &Actor, asset_id: &str) -> Result<Document> {
    let (today, detail, order) = requisitioned(store, actor, asset_id)?;
    let mut layout = Layout::new(
        "Мүлікті реквизициялау актісі / Акт реквизиции имущества",
        &header(store.conn(), &detail, today)?,
    )?;
    layout.paragraph(
        &format!("№ {} · {}", order.number, dmy(&order.order_date)),
        11.0,
    );
    layout.rule();
    layout.paragraph("Бұйрық / Распоряжение", 12.0);
    layout.field("Құқықтық негіз / Правовое основание", &order.legal_basis);
    layout.field(
        "Бұйрық берген лауазымды тұлға / Должностное лицо",
        &order.authorising_official,
    );
    layout.field(
        "Бекіткен әкімдік / Утвердивший акимат",
        &order.approving_administration,
    );
    layout.field(
        "Қабылдаушы бөлім / Принимающее подразделение",
        &order.receiving_unit,
    );
    layout.field("Режимі / Режим", mode_label(order.mode));
    layout.field("Қабылдау күні / Дата приёма", &dmy(&order.intake_date));
    layout.rule();
    layout.paragraph("Меншік иесі / Собственник", 12.0);
    owner_block(&mut layout, &detail);
    layout.rule();
    layout.paragraph("Мүлік / Имущество", 12.0);
    identifiers(&mut layout, &detail);
    layout.field(
        "Қабылдау кезіндегі жай-күйі / Состояние при приёме",
        &order.intake_condition,
    );
    if !detail.files.is_empty() {
        let names: Vec<&str> = detail.files.iter().map(|f| f.name.as_str()).collect();
        layout.field("Қосымшалар / Приложения", &names.join(", "));
    }
    layout.rule();
    layout.paragraph(
        "Мүлік үшін өтемақы нарықтық құны бойынша төленеді. / Компенсация за имущество выплачивается по рыночной стоимости.",
        9.0,
    );
    layout.signature("Тапсырды (меншік иесі) / Сдал (собственник)");
    layout.signature("Қабылдады / Принял");
    layout.signature("Бекітті / Утвердил");
    let bytes = layout.finish()?;
    finish(store, actor, &detail, DocumentKind::RequisitionAct, bytes)
}

/// The compensation statement of an asset, computed to today. `conflict/not_requisitioned`
/// before its order.
pub fn statement(store: &mut Store, actor: &Actor, asset_id: &str) -> Result<Document> {
    let (today, detail, order) = requisitioned(store, actor, asset_id)?;
    let mut layout = Layout::new(
        "Өтемақы есебі / Расчёт компенсации",
        &header(store.conn(), &detail, today)?,
    )?;
    layout.paragraph(
        &format!(
            "Бұйрық / Распоряжение № {} · {}",
            order.number,
            dmy(&order.order_date)
        ),
        11.0,
    );
    layout.rule();
    owner_block(&mut layout, &detail);
    identifiers(&mut layout, &detail);
    layout.field("Режимі / Режим", mode_label(order.mode));
    layout.field("Қабылдау күні / Дата приёма", &dmy(&order.intake_date));
    match &detail.outcome {
        Some(Outcome::Returned {
            returned_on,
            condition,
            ..
        }) => {
            layout.field("Қайтарылған күні / Дата возврата", &dmy(returned_on));
            layout.field(
                "Қайтару кезіндегі жай-күйі / Состояние при возврате",
                condition,
            );
        }
        Some(Outcome::Lost {
            lost_on,
            circumstances,
            ..
        }) => {
            layout.field("Толық жоғалту күні / Дата полной утраты", &dmy(lost_on));
            layout.field("Мән-жайы / Обстоятельства", circumstances);
        }
        None => layout.field(
            "Жағдайы / Состояние",
            &format!(
                "Ұсталуда, {} күнге есептелді / Удерживается, расчёт на {}",
                today.format("%d.%m.%Y"),
                today.format("%d.%m.%Y")
            ),
        ),
    }
    if let Some(basis) = detail.appraisals.iter().find(|a| a.is_basis) {
        layout.field(
            "Негізгі бағалау / Базовая оценка",
            &format!(
                "{}, {}, {}",
                basis.appraiser,
                basis.method,
                dmy(&basis.valuation_date)
            ),
        );
    }
    layout.rule();
    layout.paragraph("Есеп / Расчёт", 12.0);
    match &detail.compensation {
        Some(breakdown) => {
            for line in &breakdown.lines {
                let value = match line.unit.as_str() {
                    "days" => format!("{} күн / дн.", line.value),
                    "tiyn_per_day" => format!("{} / тәул.", format_tenge(line.value)),
                    _ => format_tenge(line.value),
                };
                layout.amount_row(line_label(&line.key), &value);
            }
            if !breakdown.missing.is_empty() {
                layout.paragraph(
                    "Есеп толық емес: негізгі бағалау жоқ / Расчёт неполный: нет базовой оценки",
                    9.0,
                );
            }
        }
        None => layout.paragraph(
            &format!(
                "Есептеу мүмкін емес / Расчёт невозможен: {}",
                detail.compensation_problem.clone().unwrap_or_default()
            ),
            10.0,
        ),
    }
    if order.mode == Mode::TemporaryUse {
        layout.paragraph(
            "Күндер қабылдау күнінен қайтару күніне дейін, екеуі де қоса есептеледі. / Дни считаются с даты приёма по дату возврата, обе включительно.",
            8.0,
        );
    }
    if let Some(claim) = &detail.claim {
        layout.rule();
        layout.paragraph("Талап және төлемдер / Требование и выплаты", 12.0);
        for step in &claim.steps {
            let label = match step.step.as_str() {
                "filed" => "Талап берілді / Требование подано",
                "decided" => "Шешім / Решение",
                _ => "Шағым / Обжалование",
            };
            let amount = step.amount.map(format_tenge).unwrap_or_default();
            layout.amount_row(
                &format!("{label}: {} № {}", dmy(&step.date), step.document_number),
                &amount,
            );
        }
        for payment in &claim.payments {
            layout.amount_row(
                &format!(
                    "Төлем / Выплата: {} № {}",
                    dmy(&payment.paid_on),
                    payment.document_number
                ),
                &format_tenge(payment.amount),
            );
        }
    }
    layout.signature("Жауапты тұлға / Ответственное лицо");
    layout.signature("Таныстым (меншік иесі) / Ознакомлен (собственник)");
    let bytes = layout.finish()?;
    finish(
        store,
        actor,
        &detail,
        DocumentKind::CompensationStatement,
        bytes,
    )
}
