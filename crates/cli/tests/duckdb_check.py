"""Runs the DuckDB queries of docs/analysis.md, as written there, on two bundles written by
`tusoi-cli rollup` (this year's with last year's files beside, and last year's), and checks every
figure against the native roll-up: rollup.json, run.json and the bundle read line by line.

    python duckdb_check.py docs/analysis.md NOW_DIR BEFORE_DIR

Exits 1 with the first disagreement; prints the figures it compared.
"""

import collections
import json
import re
import sys
import time

import duckdb


def queries(markdown):
    """The named SQL blocks of the document, in order."""
    out = {}
    for block in re.findall(r"```sql\n(.*?)```", markdown, flags=re.S):
        name = re.match(r"-- name: (\w+)", block)
        if not name:
            raise SystemExit("an SQL block of docs/analysis.md has no '-- name:' line")
        out[name.group(1)] = block
    return out


def fail(what, expected, found):
    print(f"DuckDB disagrees with the native roll-up on {what}:\n  native: {expected}\n  DuckDB: {found}")
    sys.exit(1)


def main():
    doc, now_dir, before_dir = sys.argv[1:4]
    sql = queries(open(doc, encoding="utf-8").read())
    for needed in ["load", "counts_per_unit", "level_lines", "quota_per_unit", "units_over_quota", "two_years_failed"]:
        if needed not in sql:
            fail("the queries of docs/analysis.md", needed, sorted(sql))

    def located(text):
        return text.replace("tong-hop-2026/", now_dir.rstrip("/") + "/").replace(
            "tong-hop-2025/", before_dir.rstrip("/") + "/"
        )

    rollup = json.load(open(f"{now_dir}/rollup.json", encoding="utf-8"))
    run = json.load(open(f"{now_dir}/run.json", encoding="utf-8"))
    bundle = [json.loads(line) for line in open(f"{now_dir}/members.ndjson", encoding="utf-8")]

    db = duckdb.connect()
    started = time.perf_counter()
    db.execute(located(sql["load"]))

    # Counts per unit against the roll-up's member list, unit by unit, and the province's totals.
    per_unit = db.execute(sql["counts_per_unit"]).fetchall()
    chi_bo_of = {}
    for line in bundle:
        chi_bo_of.setdefault(line["unit"], line["chi_bo"])
    if len(set(chi_bo_of.values())) != len(chi_bo_of):
        fail("the province generated", "one chi bộ name per unit", "a name used twice")
    native = collections.defaultdict(collections.Counter)
    for m in rollup["members"]:
        c = native[m["chi_bo"]]
        c["members"] += 1
        c[m["standing"]] += 1
        if m["standing"] == "rated":
            c[m["proposed"]] += 1
    levels = ["hoan_thanh_xuat_sac", "hoan_thanh_tot", "hoan_thanh", "khong_hoan_thanh"]
    totals = collections.Counter()
    for unit, members, exempt, not_reviewed, rated, *by_level in per_unit:
        c = native[chi_bo_of[unit]]
        expected = (c["members"], c["exempt"], c["not_reviewed"], c["rated"], *[c[lv] for lv in levels])
        found = (members, exempt, not_reviewed, rated, *by_level)
        if expected != found:
            fail(f"the counts of {unit}", expected, found)
        totals.update(members=members, exempt=exempt, not_reviewed=not_reviewed, rated=rated)
        for lv, n in zip(levels, by_level):
            totals[lv] += n
    counts = rollup["counts"]
    expected = (counts["members"], counts["exempt"], counts["not_reviewed"], counts["rated"], *counts["by_level"])
    found = (totals["members"], totals["exempt"], totals["not_reviewed"], totals["rated"], *[totals[lv] for lv in levels])
    if expected != found or len(per_unit) != len(rollup["units"]):
        fail("the province's counts", (expected, len(rollup["units"])), (found, len(per_unit)))

    # The reports' sentences, to the comma, against the app's own lines.
    lines = [row[0] for row in db.execute(sql["level_lines"]).fetchall()]
    app_lines = run["summary"][2:6]
    if lines != app_lines:
        fail("the reports' sentences", app_lines, lines)

    # The quota, unit by unit and group by group.
    quota = db.execute(sql["quota_per_unit"]).fetchall()
    over = db.execute(sql["units_over_quota"]).fetchone()
    native_over = (run["quota_units"], run["quota_units_allowed"])
    if tuple(over) != native_over:
        fail("the units over the quota (by proposals, by points)", native_over, tuple(over))
    if len({row[0] for row in quota if row[5] > 0}) != over[0]:
        fail("the quota per unit and its count", over[0], len({row[0] for row in quota if row[5] > 0}))

    # KHTNV two years running: DuckDB across two bundles, the app with last year's files beside.
    twice = {tuple(row) for row in db.execute(located(sql["two_years_failed"])).fetchall()}
    app_twice = {
        (line["unit"], line["full_name"], line["birth_date"])
        for line in bundle
        if "two_years_failed" in line["findings"]
    }
    if twice != app_twice or not twice:
        fail("the members failing two years running", sorted(app_twice), sorted(twice))
    elapsed = (time.perf_counter() - started) * 1000

    def n(x):
        return f"{x:,}".replace(",", ".")

    print(
        f"DuckDB {duckdb.__version__} agrees with the native roll-up: {n(counts['members'])} members in "
        f"{n(len(per_unit))} units (counts per unit; {len(lines)} report lines to the comma; "
        f"{n(over[0])} units over the quota by proposals and {n(over[1])} by points; "
        f"{n(len(twice))} members KHTNV two years running); the queries took {elapsed:.0f} ms"
    )

if __name__ == "__main__":
    main()
