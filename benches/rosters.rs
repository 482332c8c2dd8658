//! The roster engine against the goals: `cargo bench --bench rosters`.
//!
//! For the generated instances S, M and L (`rosters::generate`, seed 20261122) it runs the
//! solver, checks its roster with the independent validator and prints time, objective, hard
//! violations, coverage and peak memory (VmHWM of this process, so each figure is the peak so
//! far). On S and M it then runs the reference, the same model in Google OR-Tools CP-SAT
//! (`scripts/rosters_cpsat.py`, 60 s, 2 workers, `nice -n 10`, in the `.venv-bench` that
//! `scripts/bench-venv.sh` makes), scores CP-SAT's roster with the same validator, and prints
//! both objectives, both times and the ratios beside the targets. A missed target is printed
//! as MISSED. `JASAQ_BENCH_SIZES=S,M` picks sizes; `JASAQ_BENCH_CPSAT=0` skips the reference.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use jasaq::rosters::generate::{generate, Size};
use jasaq::rosters::{solve, validate, Assignment, Instance, Progress, SolveOptions};

const SEED: u64 = 20261122;

fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

struct Reference {
    objective: f64,
    violations: usize,
    coverage: f64,
    wall: Duration,
    status: String,
}

/// CP-SAT's time limit in seconds: 60 as the issue sets it (`JASAQ_BENCH_CPSAT_LIMIT` for a
/// quick check of the script).
fn cpsat_limit() -> String {
    std::env::var("JASAQ_BENCH_CPSAT_LIMIT").unwrap_or_else(|_| "60".into())
}

/// Runs the CP-SAT reference on `instance`, or says why it could not.
fn cpsat(name: &str, instance: &Instance) -> Result<Reference, String> {
    let dir = PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()))
        .join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let input = dir.join(format!("rosters-{name}.json"));
    let output = dir.join(format!("rosters-{name}-cpsat.json"));
    std::fs::write(
        &input,
        serde_json::to_vec(instance).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let venv = Command::new("scripts/bench-venv.sh")
        .output()
        .map_err(|e| e.to_string())?;
    if !venv.status.success() {
        return Err(format!(
            "bench-venv.sh failed: {}",
            String::from_utf8_lossy(&venv.stderr)
        ));
    }
    let python = String::from_utf8_lossy(&venv.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    let started = Instant::now();
    let run = Command::new("nice")
        .args(["-n", "10", &python, "scripts/rosters_cpsat.py"])
        .arg(&input)
        .arg(&output)
        .args(["--time-limit", &cpsat_limit(), "--workers", "2"])
        .status()
        .map_err(|e| e.to_string())?;
    let wall = started.elapsed();
    if !run.success() {
        return Err(format!("rosters_cpsat.py exited with {run}"));
    }
    let text = std::fs::read_to_string(&output).map_err(|e| e.to_string())?;
    let answer: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let roster: Vec<Assignment> =
        serde_json::from_value(answer["roster"].clone()).map_err(|e| e.to_string())?;
    let report = validate(instance, &roster);
    Ok(Reference {
        objective: report.objective.total,
        violations: report.violations.len(),
        coverage: report.objective.coverage(),
        wall,
        status: answer["status"].as_str().unwrap_or("?").to_string(),
    })
}

fn main() {
    let sizes = std::env::var("JASAQ_BENCH_SIZES").unwrap_or_else(|_| "S,M,L".into());
    let with_cpsat = std::env::var("JASAQ_BENCH_CPSAT").map_or(true, |v| v != "0");
    println!(
        "rosters bench, seed {SEED}, load average at start {}",
        load_average()
    );
    for name in sizes.split(',').map(str::trim) {
        let (size, limit) = match name {
            "S" => (Size::S, Duration::from_secs(6)),
            "M" => (Size::M, Duration::from_secs(6)),
            "L" => (Size::L, Duration::from_secs(28)),
            other => {
                println!("unknown size {other}");
                continue;
            }
        };
        let instance = generate(size, SEED);
        let started = Instant::now();
        let mut report_progress = |p: Progress| {
            eprintln!(
                "{name}:   progress {:>6.2} s, {} iterations, objective {:.1}, {} seats empty",
                p.elapsed.as_secs_f64(),
                p.iterations,
                p.best_objective,
                p.uncovered_seats
            )
        };
        let solution = solve(
            &instance,
            SolveOptions {
                seed: SEED,
                time_limit: limit,
                progress: Some(&mut report_progress),
                ..Default::default()
            },
        );
        let time = started.elapsed();
        let report = validate(&instance, &solution.roster);
        let o = &report.objective;
        println!(
            "{name}: {} facilities, {} guards, {} seats | solver {:.2} s (limit {} s{}), {} iterations | objective {:.1} \
             (uncovered {} seats, fairness {:.1}, undesired {:.0}, not preferred {:.0}, posts {:.0}, away {:.0}) \
             | hard violations {} | coverage {:.2}% | gaps explained {} | peak memory {:.0} MB | load {}",
            instance.facilities.len(),
            instance.guards.len(),
            o.seats,
            time.as_secs_f64(),
            limit.as_secs(),
            if solution.interrupted { ", hit" } else { ", converged" },
            solution.iterations,
            o.total,
            o.uncovered_seats,
            o.fairness,
            o.undesired_day,
            o.not_preferred_day,
            o.post_change,
            o.away_from_home,
            report.violations.len(),
            o.coverage() * 100.0,
            solution.gaps.len(),
            peak_memory_mb(),
            load_average(),
        );
        let mut reasons: std::collections::BTreeMap<String, u32> = Default::default();
        for gap in &solution.gaps {
            *reasons.entry(format!("{:?}", gap.reason)).or_default() += gap.missing;
        }
        println!("{name}:   empty seats by reason: {reasons:?}");
        println!(
            "{name}:   zero hard violations: {}",
            verdict(report.violations.is_empty())
        );
        if name == "L" {
            println!(
                "{name}:   within 30 s: {}; full coverage: {} ({} seats left, every one explained: {})",
                verdict(time <= Duration::from_secs(30)),
                verdict(o.uncovered_seats == 0),
                o.uncovered_seats,
                solution.gaps.iter().map(|g| u64::from(g.missing)).sum::<u64>() == o.uncovered_seats,
            );
        }
        if name == "L" || !with_cpsat {
            continue;
        }
        match cpsat(name, &instance) {
            Ok(r) if r.status != "OPTIMAL" && r.status != "FEASIBLE" => println!(
                "{name}:   CP-SAT ({}) found no roster in {:.2} s wall: no comparison possible | load {}",
                r.status,
                r.wall.as_secs_f64(),
                load_average()
            ),
            Ok(r) => {
                let ratio = o.total / r.objective;
                let time_ratio = time.as_secs_f64() / r.wall.as_secs_f64();
                println!(
                    "{name}:   CP-SAT ({}) {:.2} s wall, objective {:.1}, hard violations {}, coverage {:.2}% | ours/CP-SAT objective {:.4}, time {:.3}",
                    r.status,
                    r.wall.as_secs_f64(),
                    r.objective,
                    r.violations,
                    r.coverage * 100.0,
                    ratio,
                    time_ratio,
                );
                println!(
                    "{name}:   objective within 1% of CP-SAT: {}; in at most a tenth of its time: {} | load {}",
                    verdict(ratio <= 1.01),
                    verdict(time_ratio <= 0.1),
                    load_average(),
                );
            }
            Err(e) => println!("{name}:   CP-SAT reference not run: {e}"),
        }
    }
}
