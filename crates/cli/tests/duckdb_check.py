"""Runs the DuckDB queries of docs/analysis.md, as written there, on two bundles written by
`tusoi-cli rollup` (this year's with last year's files beside, and last year's), and checks every
figure against the native roll-up: rollup.json, run.json and the bundle read line by line. This
year's holds chi bộ counted from their members' files and chi bộ counted from their roll-up files
with the meeting's stages (the levels decided, re-ratings, paper reviews).

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
    for needed in ["load", "counts_per_unit", "level_lines", "quota_per_unit", "units_over_quota",
                   "decided_per_unit", "decided_lines", "re_rated_down", "two_years_failed"]:
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

    # The levels decided per unit, against the roll-up's member lines, unit by unit.
    decided_rows = db.execute(sql["decided_per_unit"]).fetchall()
    stage = collections.defaultdict(collections.Counter)
    for m in rollup["members"]:
        c = stage[m["chi_bo"]]
        c["rated"] += m["standing"] == "rated"
        if m.get("decided"):
            c["decided"] += 1
            c["d_" + m["decided"]] += 1
        c["not_as_chi_bo_proposed"] += m.get("decided") != m.get("chi_bo_proposed")
        c["re_rated"] += m.get("re_rated", False)
        c["re_rated_down"] += m.get("re_rated_down", False)
        c["from_paper"] += m.get("from_paper", False)
    native_decided = sorted(
        (unit, (c["rated"], c["decided"], *[c["d_" + lv] for lv in levels], c["not_as_chi_bo_proposed"],
                c["re_rated"], c["re_rated_down"], c["from_paper"]))
        for unit, chi_bo in chi_bo_of.items()
        for c in [stage[chi_bo]]
        if c["decided"] > 0
    )
    found_decided = [(row[0], tuple(row[1:])) for row in decided_rows]
    if found_decided != native_decided:
        fail("the levels decided per unit", native_decided[:3], found_decided[:3])
    sums = [sum(row[3 + k] for row in decided_rows) for k in range(4)]
    stages = rollup["stages"]
    if not decided_rows or sums != stages["decided"]["by_level"] \
            or sum(row[8] for row in decided_rows) != stages["re_rated"] \
            or sum(row[9] for row in decided_rows) != stages["re_rated_down"]:
        fail("the levels decided and the re-rated over the province",
             (stages["decided"]["by_level"], stages["re_rated"], stages["re_rated_down"]),
             (sums, sum(row[8] for row in decided_rows), sum(row[9] for row in decided_rows)))
    # The reports' sentences on the levels decided and the re-rated, against the app's lines.
    at = next((k for k, line in enumerate(run["summary"]) if line.startswith("Theo quyết định của cấp ủy")), None)
    if at is None:
        fail("the summary's lines on the levels decided", "a line 'Theo quyết định của cấp ủy'", run["summary"])
    decided_lines = [row[0] for row in db.execute(sql["decided_lines"]).fetchall()]
    if decided_lines != run["summary"][at + 1:at + 5]:
        fail("the reports' sentences on the levels decided", run["summary"][at + 1:at + 5], decided_lines)
    re_rated_line = db.execute(sql["re_rated_down"]).fetchone()[0]
    if re_rated_line != run["summary"][at + 5]:
        fail("the re-rated down, x/y", run["summary"][at + 5], re_rated_line)

    # KHTNV two years running: DuckDB across two bundles; the app's check, with last year's files
    # beside, for members counted from their files, and last year's bundle read line by line for
    # members counted from a chi bộ's roll-up file (which carries no check).
    twice = {tuple(row) for row in db.execute(located(sql["two_years_failed"])).fetchall()}
    app_twice = {
        (line["unit"], line["full_name"], line["birth_date"])
        for line in bundle
        if "two_years_failed" in line["findings"]
    }
    before_failed = {
        (line["unit"], line["full_name"], line["birth_date"])
        for line in map(json.loads, open(f"{before_dir}/members.ndjson", encoding="utf-8"))
        if line["proposed"] == "khong_hoan_thanh"
    }
    from_rollups = {
        (line["unit"], line["full_name"], line["birth_date"])
        for line in bundle
        if line["source"] == "roll_up" and line["proposed"] == "khong_hoan_thanh"
    } & before_failed
    if twice != app_twice | from_rollups or not app_twice:
        fail("the members failing two years running", sorted(app_twice | from_rollups), sorted(twice))
    elapsed = (time.perf_counter() - started) * 1000

    def n(x):
        return f"{x:,}".replace(",", ".")

    print(
        f"DuckDB {duckdb.__version__} agrees with the native roll-up: {n(counts['members'])} members in "
        f"{n(len(per_unit))} units (counts per unit; {len(lines)} report lines to the comma; "
        f"{n(over[0])} units over the quota by proposals and {n(over[1])} by points; "
        f"levels decided in {n(len(decided_rows))} units, {re_rated_line[:-1]}; "
        f"{n(len(twice))} members KHTNV two years running); the queries took {elapsed:.0f} ms"
    )

if __name__ == "__main__":
    main()
