#!/usr/bin/env python3
"""The roster benchmark's reference: the same model as src/rosters solved by OR-Tools CP-SAT.

Usage: rosters_cpsat.py INSTANCE.json OUT.json [--time-limit 60] [--workers 2]

Reads an instance as `serde_json` writes `rosters::model::Instance` and implements the
definitions of src/rosters/model.rs on its own (UTC+5 days, nights, rest, the rolling 7-day
windows at shift starts and at shift ends minus 168 h). Hard rules are constraints; the
objective is the weighted one of `model::Weights`, with the fairness term scaled to integers
(so CP-SAT's internal figure is close to, not equal to, the validator's: the benchmark scores
the roster written here with the Rust validator). Writes {status, wall_seconds,
solve_seconds, objective_internal, roster: [{post, shift, guard}]}.
"""
import argparse
import json
import sys
import time
from collections import defaultdict
from datetime import date, datetime

from ortools.sat.python import cp_model

DAY = 1440
WEEK = 7 * DAY
OFFSET = 5 * 60
NIGHT_MIN = 3 * 60
SCALE = 60_000  # objective units per unit of cost (fairness coefficient 1000 / unit size)


def minutes(text):
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()) // 60


def day_number(text):
    return date.fromisoformat(text).toordinal() - date(1970, 1, 1).toordinal()


def night_of(start, end):
    ls, le = start + OFFSET, end + OFFSET
    total, best = 0, None
    for d in range(ls // DAY - 1, le // DAY + 1):
        frm = d * DAY + 22 * 60
        part = max(0, min(le, frm + 480) - max(ls, frm))
        total += part
        if part > 0 and (best is None or part > best[0]):
            best = (part, d)
    return best[1] if total >= NIGHT_MIN and best else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("instance")
    ap.add_argument("out")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--log", action="store_true")
    args = ap.parse_args()
    began = time.monotonic()
    inst = json.load(open(args.instance))
    limits, w = inst["limits"], inst["weights"]
    min_rest = limits["min_rest_hours"] * 60
    max_week = limits["max_hours_7d"] * 60
    max_nights = limits["max_consecutive_nights"]
    weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    shifts = []
    shifts_at = defaultdict(list)
    for i, s in enumerate(inst["shifts"]):
        a, b = minutes(s["start"]), minutes(s["end"])
        first = (a + OFFSET) // DAY
        shifts.append({
            "start": a, "end": b,
            "rest": max(min_rest, (s.get("rest_after_hours") or 0) * 60),
            "first": first, "last": max(first, (b - 1 + OFFSET) // DAY),
            "night": night_of(a, b), "weekday": (first + 3) % 7,
        })
        shifts_at[s["facility"]].append(i)

    guards = inst["guards"]
    eligible_at = defaultdict(list)
    for g, guard in enumerate(guards):
        for f in guard["eligible_facilities"]:
            eligible_at[f].append(g)
        guard["_unavail"] = {day_number(d) for d in guard["unavailable"]}
        guard["_certs"] = [(c["skill"], day_number(c["valid_until"])) for c in guard["certificates"]]
        guard["_pref"] = {weekdays.index(d) for d in guard["preferred_weekdays"]}
        guard["_undes"] = {weekdays.index(d) for d in guard["undesired_weekdays"]}

    model = cp_model.CpModel()
    x = {}  # (post, shift, guard) -> var
    by_guard = defaultdict(list)  # guard -> [(shift, post, var)]
    slot_terms = []
    objective = []
    constant = 0
    for p, post in enumerate(inst["posts"]):
        frm, until = day_number(post["active_from"]), day_number(post["active_until"])
        need = post["guards_per_shift"]
        skill = post["required_skill"]
        fac = post["facility"]
        district = inst["facilities"][fac]["home_district"]
        for s in shifts_at[fac]:
            sh = shifts[s]
            if sh["first"] < frm or sh["first"] > until or need == 0:
                continue
            constant += w["uncovered"] * need
            terms = []
            for g in eligible_at[fac]:
                guard = guards[g]
                if skill is not None and not any(k == skill and v >= sh["first"] for k, v in guard["_certs"]):
                    continue
                if any(sh["first"] <= d <= sh["last"] for d in guard["_unavail"]):
                    continue
                v = model.new_bool_var("")
                x[(p, s, g)] = v
                terms.append(v)
                by_guard[g].append((s, p, v))
                cost = -w["uncovered"]
                if sh["weekday"] in guard["_undes"]:
                    cost += w["undesired_day"]
                if guard["_pref"] and sh["weekday"] not in guard["_pref"]:
                    cost += w["not_preferred_day"]
                if guard["home_district"] != district:
                    cost += w["away_from_home"]
                objective.append((v, round(cost * SCALE)))
            if len(terms) > need:
                model.add(sum(terms) <= need)
    for a in inst["pinned"]:
        v = x.get((a["post"], a["shift"], a["guard"]))
        if v is not None:
            model.add(v == 1)

    units = defaultdict(list)
    for g, guard in enumerate(guards):
        units[guard["unit"]].append(g)
    horizon = max((sh["end"] for sh in shifts), default=0) - min((sh["start"] for sh in shifts), default=0)
    worked = {}
    for g in range(len(guards)):
        items = by_guard.get(g, [])
        # Shifts with the same times act alike: one expression per interval.
        per_interval = defaultdict(list)
        per_post = defaultdict(list)
        for s, p, v in items:
            sh = shifts[s]
            per_interval[(sh["start"], sh["end"], sh["rest"], sh["night"])].append(v)
            per_post[p].append(v)
        intervals = sorted(per_interval)
        # z[iv]: the guard works some post at these times (at most one: they overlap).
        z = {}
        for iv in intervals:
            vs = per_interval[iv]
            if len(vs) == 1:
                z[iv] = vs[0]
            else:
                z[iv] = model.new_bool_var("")
                model.add(sum(vs) == z[iv])
        for t in sorted({iv[0] for iv in intervals}):
            clique = [z[iv] for iv in intervals if iv[0] <= t < iv[1] + iv[2]]
            if len(clique) > 1:
                model.add_at_most_one(clique)
        for t in sorted({iv[0] for iv in intervals} | {iv[1] - WEEK for iv in intervals}):
            terms = []
            for iv in intervals:
                part = min(iv[1], t + WEEK) - max(iv[0], t)
                if part > 0:
                    terms.append((z[iv], part))
            if sum(c for _, c in terms) > max_week:
                model.add(sum(c * v for v, c in terms) <= max_week)
        nights = defaultdict(list)
        for iv in intervals:
            if iv[3] is not None:
                nights[iv[3]].append(z[iv])
        for d in sorted(nights):
            run = [v for k in range(max_nights + 1) for v in nights.get(d + k, [])]
            if all(d + k in nights for k in range(max_nights + 1)):
                model.add(sum(run) <= max_nights)
        for p, vs in per_post.items():
            y = model.new_bool_var("")
            for v in vs:
                model.add_implication(v, y)
            objective.append((y, round(w["post_change"] * SCALE)))
        h = model.new_int_var(0, horizon, "")
        model.add(h == sum((iv[1] - iv[0]) * z[iv] for iv in intervals))
        worked[g] = h
    for unit, members in units.items():
        n = len(members)
        total = model.new_int_var(0, horizon * n, "")
        model.add(total == sum(worked[g] for g in members))
        for g in members:
            d = model.new_int_var(0, 2 * horizon * n, "")
            model.add(d >= n * worked[g] - total)
            model.add(d >= total - n * worked[g])
            objective.append((d, round(w["fairness"] * SCALE / (60 * n))))
    model.minimize(sum(c * v for v, c in objective if c != 0))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = args.time_limit
    solver.parameters.num_workers = args.workers
    solver.parameters.log_search_progress = bool(args.log)
    built = time.monotonic()
    status = solver.solve(model)
    roster = []
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        roster = [{"post": p, "shift": s, "guard": g} for (p, s, g), v in x.items() if solver.value(v)]
        internal = solver.objective_value / SCALE + constant
    else:
        internal = None
    json.dump({
        "status": solver.status_name(status),
        "variables": len(x),
        "build_seconds": built - began,
        "solve_seconds": solver.wall_time,
        "wall_seconds": time.monotonic() - began,
        "objective_internal": internal,
        "best_bound_internal": solver.best_objective_bound / SCALE + constant if roster else None,
        "roster": roster,
    }, open(args.out, "w"))
    print(f"cpsat: {solver.status_name(status)}, {len(x)} variables, build {built - began:.1f} s, "
          f"solve {solver.wall_time:.1f} s, objective {internal}", file=sys.stderr)


if __name__ == "__main__":
    main()
