//! The compensation arithmetic: each mode, day counting across month ends, leap years and
//! year ends, to-date computation, very large values and overflow.
// Amounts are written as tenge then two tiyn digits: 25_000_00 is 25 000,00 tenge.
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use jasaq::assets::compensation::{compute, days_held, CompensationInput, Holding};
use jasaq::assets::{format_tenge, Mode};
use jasaq::ErrorCode;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

fn temporary(intake: &str, holding: Holding, rate: i64) -> CompensationInput {
    CompensationInput {
        mode: Mode::TemporaryUse,
        intake: d(intake),
        holding,
        market_value: Some(5_000_000_000),
        use_rate_per_day: Some(rate),
        decided: None,
        paid: 0,
    }
}

fn line(b: &jasaq::assets::CompensationBreakdown, key: &str) -> i64 {
    b.lines
        .iter()
        .find(|l| l.key == key)
        .unwrap_or_else(|| panic!("line {key} is shown"))
        .value
}

#[test]
fn days_count_both_the_intake_and_the_return_date() {
    for (intake, end, days, why) in [
        (
            "2026-05-10",
            "2026-05-10",
            1,
            "taken and returned the same day is one day",
        ),
        (
            "2026-01-30",
            "2026-02-02",
            4,
            "30, 31 Jan, 1, 2 Feb across a month end",
        ),
        (
            "2027-02-27",
            "2027-03-01",
            3,
            "27, 28 Feb, 1 Mar in a common year",
        ),
        (
            "2028-02-27",
            "2028-03-01",
            4,
            "27, 28, 29 Feb, 1 Mar in the leap year 2028",
        ),
        ("2028-02-29", "2028-02-29", 1, "the leap day alone"),
        (
            "2026-12-30",
            "2027-01-02",
            4,
            "30, 31 Dec, 1, 2 Jan across a year end",
        ),
        ("2028-01-01", "2028-12-31", 366, "the whole leap year"),
        ("2027-01-01", "2027-12-31", 365, "the whole common year"),
    ] {
        assert_eq!(days_held(d(intake), d(end)), Some(days), "{why}");
    }
    assert_eq!(
        days_held(d("2026-05-10"), d("2026-05-09")),
        None,
        "an end before the intake is not a holding"
    );
}

#[test]
fn temporary_use_is_rate_times_days_plus_loss_of_value() {
    let b = compute(&temporary(
        "2028-02-27",
        Holding::Returned {
            on: d("2028-03-01"),
            loss_of_value: 150_000_00,
        },
        25_000_00,
    ))
    .unwrap();
    assert_eq!(line(&b, "use_days"), 4, "leap day counted");
    assert_eq!(line(&b, "use_amount"), 100_000_00, "25 000 tenge x 4 days");
    assert_eq!(
        line(&b, "loss_of_value"),
        150_000_00,
        "the appraised loss is added"
    );
    assert_eq!(b.owed, Some(250_000_00), "use plus loss of value");
    assert_eq!(b.balance, Some(250_000_00), "nothing paid: all is owed");
    let keys: Vec<&str> = b.lines.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "use_days",
            "use_rate",
            "use_amount",
            "loss_of_value",
            "total",
            "paid",
            "balance"
        ],
        "the statement shows the computation in this order"
    );
}

#[test]
fn a_held_asset_is_computed_to_today() {
    let b = compute(&temporary(
        "2026-11-01",
        Holding::Held {
            today: d("2026-11-22"),
        },
        10_000_00,
    ))
    .unwrap();
    assert_eq!(b.days_held, Some(22), "1..22 November, both counted");
    assert_eq!(b.owed, Some(220_000_00), "no loss of value while held");
    assert!(
        b.lines.iter().all(|l| l.key != "loss_of_value"),
        "no loss line before the return"
    );
    assert_eq!(
        b.lines[0].rule, "use_days_to_date",
        "the rule says 'to date'"
    );
}

#[test]
fn transfer_of_ownership_and_total_loss_pay_the_market_value() {
    let transfer = compute(&CompensationInput {
        mode: Mode::TransferOfOwnership,
        intake: d("2026-03-01"),
        holding: Holding::Held {
            today: d("2026-11-22"),
        },
        market_value: Some(42_000_000_00),
        use_rate_per_day: None,
        decided: None,
        paid: 0,
    })
    .unwrap();
    assert_eq!(
        transfer.owed,
        Some(42_000_000_00),
        "transfer: the market value"
    );
    assert_eq!(transfer.days_held, None, "no days for a transfer");
    let lost = compute(&temporary(
        "2026-03-01",
        Holding::Lost {
            on: d("2026-06-01"),
        },
        10_000_00,
    ))
    .unwrap();
    assert_eq!(
        lost.owed,
        Some(5_000_000_000),
        "total loss: the market value, not the use fee"
    );
}

#[test]
fn partial_payments_reduce_the_balance_against_the_decision() {
    let mut input = temporary(
        "2026-01-01",
        Holding::Returned {
            on: d("2026-01-10"),
            loss_of_value: 0,
        },
        1_000_00,
    );
    input.decided = Some(9_000_00);
    input.paid = 4_000_00;
    let b = compute(&input).unwrap();
    assert_eq!(
        b.owed,
        Some(10_000_00),
        "the rules owe 10 days x 1 000 tenge"
    );
    assert_eq!(
        b.balance,
        Some(5_000_00),
        "the decided 9 000 less 4 000 paid"
    );
    assert_eq!(line(&b, "decided"), 9_000_00, "the decision is shown");
}

#[test]
fn a_hundred_billion_tenge_building_does_not_overflow() {
    let value = 10_000_000_000_000; // 100 billion tenge in tiyn
    let b = compute(&CompensationInput {
        mode: Mode::TransferOfOwnership,
        intake: d("2026-01-01"),
        holding: Holding::Held {
            today: d("2026-11-22"),
        },
        market_value: Some(value),
        use_rate_per_day: None,
        decided: Some(value),
        paid: value - 1,
    })
    .unwrap();
    assert_eq!(b.owed, Some(value), "exact to the tiyn");
    assert_eq!(b.balance, Some(1), "one tiyn left");
    assert_eq!(
        format_tenge(value),
        "100 000 000 000,00 ₸",
        "formatted for the statement"
    );
    let daily = compute(&temporary(
        "2026-01-01",
        Holding::Returned {
            on: d("2035-12-31"),
            loss_of_value: value,
        },
        value / 1000,
    ))
    .unwrap();
    assert_eq!(
        daily.owed,
        Some(value / 1000 * 3652 + value),
        "ten years at a hundred million tenge a day, exactly"
    );
}

#[test]
fn an_overflow_is_a_validation_error_not_a_wrapped_number() {
    let err = compute(&temporary(
        "2000-01-01",
        Holding::Held {
            today: d("2026-11-22"),
        },
        i64::MAX / 2,
    ))
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation, "overflow is refused");
    assert_eq!(err.fields[0].rule, "overflow", "named as such");
}

#[test]
fn without_a_basis_appraisal_the_amount_is_not_guessed() {
    let mut input = temporary(
        "2026-01-01",
        Holding::Held {
            today: d("2026-01-05"),
        },
        1,
    );
    input.market_value = None;
    input.use_rate_per_day = None;
    let b = compute(&input).unwrap();
    assert_eq!(b.owed, None, "nothing is owed by rules that cannot run");
    assert_eq!(
        b.missing,
        ["basis_appraisal"],
        "the statement says what is missing"
    );
}
