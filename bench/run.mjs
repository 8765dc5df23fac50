// `cargo xtask bench`: every speed figure of the app in one run, each beside its target, written to
// target/bench.json and printed as a table (docs/performance.md says where each target comes from).
// A benchmark, not a test: it fails only when a step cannot run at all, never on a slow figure.
//
//   node bench/run.mjs --site URL --counter URL --brotli BYTES --out FILE [--short]
//
// `--short` (what `cargo xtask test` runs, so the benchmark cannot rot) measures the same things at
// a smaller scale: 10 and 100 documents instead of 10 and 1,000, 155 member files instead of 155
// and 10,000.
import { chromium } from "playwright-core";
import { writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import os from "node:os";
import { CHROME_FLAGS, firstVisits, visits } from "./lighthouse.mjs";
import { memberBench } from "./member.mjs";
import { lockBench } from "./lock.mjs";
import { workspaceBench } from "./workspace.mjs";
import { scanBench } from "./scan.mjs";

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const short = process.argv.includes("--short");
const site = arg("site");
const counter = arg("counter");
const out = arg("out") ?? "target/bench.json";
const brotli = Number(arg("brotli"));
const scales = short
  ? { member: [10, 100], workspace: [155], lock: [100] }
  : { member: [10, 100, 1000], workspace: [155, 10000], lock: [100, 1000] };
// The same member files received in one ZIP archive (Gmail's "download all", a compressed folder).
const zipScales = short ? [155] : [155, 10000];

// The province rolled up by tusoi-cli just before (xtask analysis::bench): its run.json.
const provinceRun = JSON.parse(readFileSync(arg("province"), "utf8"));
const step = (name) => provinceRun.steps.find((s) => s.step === name)?.seconds ?? 0;
const province = {
  members: provinceRun.members,
  units: provinceRun.units,
  files: provinceRun.files_read,
  seconds: provinceRun.seconds,
  peak_memory_bytes: provinceRun.peak_memory_bytes,
  read_seconds: step("read"),
  copy_check_seconds: step("copies"),
  copy_groups: provinceRun.copy_groups,
};

const lighthouse = { site: await visits(site, { serviceWorker: true }), counter: await visits(counter) };
// Five first visits in a row of each (one in the short run): the LCP's spread, #30 item 8.
const inARow = short ? 1 : 5;
lighthouse.site_first_visits = await firstVisits(site, inARow);
lighthouse.counter_first_visits = await firstVisits(counter, inARow);

// The same quiet flags as Lighthouse's Chromium (no background networking); Playwright sets headless.
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", args: CHROME_FLAGS.filter((f) => !f.startsWith("--headless")) });
const member = [];
for (const n of scales.member) member.push(await memberBench(browser, site, n));
const lock = [];
for (const n of scales.lock) lock.push(await lockBench(browser, site, n));
const workspace = [];
for (const n of scales.workspace) workspace.push(await workspaceBench(browser, site, n));
for (const n of zipScales) workspace.push(await workspaceBench(browser, site, n, { zip: true }));
// "Quét mã QR" (issue #32): a sealed review and pledge, then members in a row (5 in the short run).
const scan = await scanBench(browser, site, { count: short ? 5 : 30 });
const chromium_version = browser.version();
await browser.close();

const report = {
  date: new Date().toISOString(),
  short,
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), chromium: chromium_version },
  brotli_total_bytes: brotli,
  lighthouse,
  member,
  lock,
  workspace,
  scan,
  province,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2) + "\n");

// The table: figure, measured, target (where an issue set one), and the bare Yew counter beside.
const rows = [];
const row = (figure, value, target = "", beside = "") => rows.push([figure, String(value), target, String(beside)]);
const ms = (v) => `${v.toLocaleString("vi-VN")} ms`;
const s = (v) => `${(v / 1000).toLocaleString("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;
row("member's first load, brotli", `${brotli.toLocaleString("vi-VN")} B`, "≤ 200.000 B", "");
for (const visit of ["first", "repeat"]) {
  const a = lighthouse.site[visit];
  const c = lighthouse.counter[visit];
  const label = visit === "first" ? "first visit" : "repeat visit (service worker)";
  row(`Lighthouse score, ${label}`, a.score, "", c.score);
  row(`FCP, ${label}`, s(a.fcp_ms), "", s(c.fcp_ms));
  row(`LCP, ${label}`, s(a.lcp_ms), visit === "first" ? "≤ 1,2 s and ≤ the counter's" : "", s(c.lcp_ms));
  row(`TBT, ${label}`, ms(a.tbt_ms), "", ms(c.tbt_ms));
  row(`CLS, ${label}`, a.cls, "≤ 0,02", c.cls);
  row(`transferred, ${label}`, `${a.transferred_bytes.toLocaleString("vi-VN")} B`, "", `${c.transferred_bytes.toLocaleString("vi-VN")} B`);
}
{
  const a = lighthouse.site_first_visits;
  const c = lighthouse.counter_first_visits;
  const runs = (r) => r.runs.map((v) => s(v)).join(" · ");
  row(`LCP, ${a.runs.length} first visits in a row`, runs(a), "each ≤ the counter's slowest", runs(c));
  row(`  spread (slowest − fastest)`, ms(a.max_ms - a.min_ms), "", ms(c.max_ms - c.min_ms));
}
for (const m of member) {
  const n = m.documents.toLocaleString("vi-VN");
  for (const rate of ["x1", "x4"]) {
    const k = m.keystroke[rate];
    const target = rate === "x4" && m.documents >= 1000 ? "≤ 50 ms" : "";
    row(`keystroke p50 / p98, ${n} documents, CPU ${rate}`, `${k.p50_ms} / ${k.p98_ms} ms`, target);
  }
  row(`autosave commit p50 / p95, ${n} stored`, `${m.autosave.p50_ms} / ${m.autosave.p95_ms} ms`);
  row(`home list of ${n} on screen after the wasm starts`, ms(m.list_after_start_ms));
  row(`import of ${n} documents (file to list)`, ms(m.import_ms));
  row(`export of ${n} documents ("Xuất tất cả")`, ms(m.export_ms));
}
for (const l of lock) {
  const n = l.documents.toLocaleString("vi-VN");
  row(`lock: turning it on with ${n} documents ("Bật khoá" to "Đang bật")`, ms(l.turn_on_ms));
  row(`lock: unlock to the list of ${n} on screen`, ms(l.unlock_to_list_ms));
  row(`lock: autosave commit p50 / p95, ${n} stored locked`, `${l.autosave.p50_ms} / ${l.autosave.p95_ms} ms`);
  row(`lock: turning it off with ${n} documents`, ms(l.turn_off_ms));
}
for (const w of workspace) {
  const n = w.files.toLocaleString("vi-VN");
  const what = w.zip ? `${n} files in one ZIP` : `${n} files`;
  row(`chi bộ roll-up, ${what} (picker to summary)`, ms(w.picker_to_summary_ms), w.files <= 155 ? "≤ 1 s" : "≤ 3 s", "");
  row(`  of which reading / unzipping, filing and counting`, `${ms(w.steps_ms.read)} / ${ms(w.steps_ms.file)}`);
}
{
  const sealed = scan.sealed_review_and_pledge;
  const both = sealed.seconds.map((v) => s(v * 1000)).join(" + ");
  row(`QR: sealed 2B review + pledge (${sealed.frames.join(" + ")} codes), first code seen to file in`, `${both} = ${s(sealed.total_seconds * 1000)}`, "≤ 10 s");
  const r = scan.in_a_row;
  row(`QR: ${r.members} members in a row (${r.frames} codes), scanner never reopened`, `${s(r.wall_seconds * 1000)} in all; each ${s(r.median_seconds * 1000)} median, ${s(r.slowest_seconds * 1000)} slowest`);
}
{
  const p = province;
  const n = p.members.toLocaleString("vi-VN");
  const full = p.members >= 64089;
  row(`province roll-up (tusoi-cli), ${n} members in ${p.units.toLocaleString("vi-VN")} chi bộ`, s(p.seconds * 1000), full ? "≤ 60 s" : "");
  row(`  peak memory`, `${Math.round(p.peak_memory_bytes / 1e6).toLocaleString("vi-VN")} MB`, full ? "≤ 1 GB" : "");
  row(`  reading the files / the copy check`, `${s(p.read_seconds * 1000)} / ${s(p.copy_check_seconds * 1000)}`);
}
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ["figure", "measured", "target", "bare Yew counter"][i].length));
const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join("  ");
console.log(`\nbench (${short ? "short form" : "full"}), ${report.machine.cpus} CPUs, Chromium ${chromium_version}, Lighthouse ${lighthouse.site.lighthouse} mobile preset:`);
console.log(line(["figure", "measured", "target", "bare Yew counter"]));
for (const r of rows) console.log(line(r));
console.log(`\nwritten to ${out}`);
