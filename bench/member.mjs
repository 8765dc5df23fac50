// The member's app with `n` documents on the device, in Chromium against nginx: the import of one
// file of `n` documents, the home list on screen after the wasm starts, "Xuất tất cả", a
// keystroke's cost (Event Timing, INP-style) at 1x and 4x CPU on the longest form (2A with a
// rubric), and the autosave's commit time.
import { mkdtempSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const words = "Chủ trì thẩm định hồ sơ dự án đầu tư công của phường hoàn thành đúng hạn và bảo đảm chất lượng hướng dẫn cán bộ mới về quy trình tiếp nhận số hoá lưu trữ hồ sơ tham gia đầy đủ sinh hoạt chi bộ kiểm tra giám sát đảng viên".split(" ");
const text = (seed) => Array.from({ length: 40 }, (_, i) => words[(i * 7 + seed * 13 + Math.floor(seed / words.length)) % words.length] + (i % 9 === 0 ? ` ${seed}` : "")).join(" ");
const sections = ["A.I.1", "A.I.2", "A.I.3", "A.I.4", "A.I.5", "A.I.6", "A.II.1", "A.II.2", "A.III", "A.IV", "A.V", "A.VI"];

/** One export file of `n` leaders' reviews, 12 sections of 40 words each, every one different. */
export function exportFile(n) {
  const docs = Array.from({ length: n }, (_, d) => ({
    id: `d${d}`, template_id: "HD43-2025/2A", title: `Bản ${d}`, year: 2026, header: {}, identity: {},
    answers: sections.map((s, k) => ({ section: s, text: text(d * 12 + k) })),
    created_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z", revision: 1,
  }));
  const path = join(mkdtempSync(join(tmpdir(), `tusoi-member-${n}-`)), "documents.json");
  writeFileSync(path, JSON.stringify({ format: "tusoi-export", schema_version: 2, app_version: "bench", exported_at: "2026-01-01T00:00:00.000Z", documents: docs }));
  return path;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Event Timing reports events of 16 ms or more: a keystroke it does not report took less. */
async function keystrokes(page, cdp, rate) {
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await page.evaluate(() => {
    window.__interactions = new Map();
    window.__observer?.disconnect();
    window.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.interactionId) continue;
        window.__interactions.set(e.interactionId, Math.max(window.__interactions.get(e.interactionId) ?? 0, e.duration));
      }
    });
    window.__observer.observe({ type: "event", durationThreshold: 16 });
  });
  const typed = " thêm một câu ngắn cho mục này nữa";
  await page.focus('[id="section-A.I.2"]');
  await page.keyboard.press("End");
  await page.keyboard.type(typed, { delay: 80 });
  await page.waitForTimeout(1000);
  const reported = await page.evaluate(() => [...window.__interactions.values()]);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  const all = [...reported, ...Array(Math.max(0, typed.length - reported.length)).fill(16)].sort((a, b) => a - b);
  return { keys: typed.length, reported: reported.length, p50_ms: Math.round(percentile(all, 50)), p98_ms: Math.round(percentile(all, 98)) };
}

/** Saves of the editor open in `page`, each one's commit (written, committed, read back:
 * `tusoi-save`); `bench/lock.mjs` takes the same on a locked store. */
export async function autosaves(page, rounds) {
  await page.evaluate(() => {
    window.__saves = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "tusoi-save") window.__saves.push(e.duration);
    }).observe({ type: "measure" });
  });
  await page.focus('[id="section-A.I.3"]');
  await page.keyboard.press("End");
  for (let i = 0; i < rounds; i++) {
    await page.keyboard.type(` ${i}`);
    // Past the autosave's 500 ms, so each burst is one save.
    await page.waitForFunction((n) => window.__saves.length > n, i, { timeout: 10_000 }).catch(async (e) => {
      const status = await page.textContent("#save-status").catch(() => "?");
      throw new Error(`save ${i + 1} of ${rounds} did not come (status: ${status}): ${e.message}`);
    });
  }
  const saves = (await page.evaluate(() => window.__saves)).sort((a, b) => a - b);
  return { saves: saves.length, p50_ms: Math.round(percentile(saves, 50)), p95_ms: Math.round(percentile(saves, 95)) };
}

export async function memberBench(browser, base, n, { saves = 20 } = {}) {
  const file = exportFile(n);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const page = await context.newPage();
  // "Nhập" is in soan/ (`#/nhap`); the first load's home page links to it.
  await page.goto(new URL("soan/#/nhap", base).href);
  await page.waitForSelector("#import-file", { state: "attached" });
  // Import: from the picker to the list of n on screen.
  const t0 = Date.now();
  await page.setInputFiles("#import-file", file);
  await page.waitForFunction((n) => document.querySelectorAll("#drafts > li").length === n, n, { timeout: 300_000 });
  const import_ms = Date.now() - t0;
  // The first load's home page, whose list is measured below.
  await page.goto(base);
  await page.waitForSelector("#drafts");
  // The home list after the wasm starts (the start script's `tusoi-started` event), on a reload.
  await page.addInitScript(() => {
    addEventListener("tusoi-started", () => {
      window.__started = performance.now();
      const look = () => {
        if (document.querySelectorAll("#drafts > li").length > 0) window.__listed = performance.now();
        else requestAnimationFrame(look);
      };
      look();
    });
  });
  await page.reload();
  await page.waitForFunction(() => window.__listed !== undefined, null, { timeout: 120_000 });
  const listed = await page.evaluate(() => ({ started: window.__started, listed: window.__listed, count: document.querySelectorAll("#drafts > li").length }));
  // "Xuất tất cả": from the click to the file handed to the browser.
  const t1 = Date.now();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 300_000 }), page.click("#export-all")]);
  const export_ms = Date.now() - t1;
  const exported = await download.path();
  const exported_bytes = statSync(exported).size;
  // The editor of one of them: the longest form (2A), with a local rubric's criteria under its
  // points (the example rubric, made for 2A).
  await page.goto(base + "#/doc/d0");
  await page.waitForSelector('[id="section-A.I.2"]');
  const rubric = JSON.parse(readFileSync(new URL("../docs/rubric-example.json", import.meta.url), "utf8"));
  rubric.templates = ["HD43-2025/2A"];
  const rubricFile = join(mkdtempSync(join(tmpdir(), "tusoi-rubric-")), "rubric-2a.json");
  writeFileSync(rubricFile, JSON.stringify(rubric));
  await page.setInputFiles("#rubric-file", rubricFile);
  await page.waitForSelector("#rubric-using");
  await page.waitForTimeout(3000);
  const cdp = await context.newCDPSession(page);
  const keystroke = { x1: await keystrokes(page, cdp, 1), x4: await keystrokes(page, cdp, 4) };
  const autosave = await autosaves(page, saves);
  await context.close();
  return {
    documents: n,
    import_ms,
    file_bytes: statSync(file).size,
    list_after_start_ms: Math.round(listed.listed - listed.started),
    wasm_started_ms: Math.round(listed.started),
    export_ms,
    exported_bytes,
    keystroke,
    autosave,
  };
}
