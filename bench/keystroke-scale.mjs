// `cargo xtask bench`: how a keystroke's cost grows with the documents on the device. With 10, 100
// and 1,000 reviews on the device (12 sections of 40 words each, every one different), types 37
// keys into a section of one of them with real key events, at 4x CPU slowdown (a mid-range phone),
// and reports the Event Timing API's `keydown` durations (Chromium reports events of 16 ms or
// more; a keystroke it does not report took less, and counts as 16 ms here).
import { chromium } from "playwright-core";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.argv[2];
const words = "Chủ trì thẩm định hồ sơ dự án đầu tư công của phường hoàn thành đúng hạn và bảo đảm chất lượng hướng dẫn cán bộ mới về quy trình tiếp nhận số hoá lưu trữ hồ sơ tham gia đầy đủ sinh hoạt chi bộ kiểm tra giám sát đảng viên".split(" ");
const text = (seed) => Array.from({ length: 40 }, (_, i) => words[(i * 7 + seed * 13 + Math.floor(seed / words.length)) % words.length] + (i % 9 === 0 ? ` ${seed}` : "")).join(" ");
const sections = ["A.I.1", "A.I.2", "A.I.3", "A.I.4", "A.I.5", "A.I.6", "A.II.1", "A.II.2", "A.III", "A.IV", "A.V", "A.VI"];

function files(n) {
  const dir = mkdtempSync(join(tmpdir(), `tusoi-keys-${n}-`));
  const docs = Array.from({ length: n }, (_, d) => ({
    id: `d${d}`, template_id: "HD43-2025/2A", title: `Bản ${d}`, year: 2026, header: {}, identity: {},
    answers: sections.map((s, k) => ({ section: s, text: text(d * 12 + k) })),
    created_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z", revision: 1,
  }));
  // Several files, each well under the import limit.
  const paths = [];
  for (let i = 0; i < docs.length; i += 250) {
    const path = join(dir, `${i}.json`);
    writeFileSync(path, JSON.stringify({ format: "tusoi-export", schema_version: 2, app_version: "x", exported_at: "2026-01-01T00:00:00.000Z", documents: docs.slice(i, i + 250) }));
    paths.push(path);
  }
  return paths;
}

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const n of [10, 100, 1000]) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForSelector("#create");
  for (const path of files(n)) {
    const before = await page.locator("#drafts > li").count();
    await page.setInputFiles("#import-file", path);
    await page.waitForFunction((b) => document.querySelectorAll("#drafts > li").length > b, before, { timeout: 120_000 });
  }
  await page.goto(base + "#/doc/d0");
  await page.waitForSelector('[id="section-A.I.2"]');
  // Let the editor finish loading and building its comparison corpus first.
  await page.waitForTimeout(5000);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.evaluate(() => {
    window.keydowns = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "keydown") window.keydowns.push(e.duration);
    }).observe({ type: "event", durationThreshold: 16, buffered: false });
  });
  await page.focus('[id="section-A.I.2"]');
  await page.keyboard.press("End");
  await page.keyboard.type(" viết thêm một câu ngắn cho mục này", { delay: 60 });
  await page.waitForTimeout(1000);
  const reported = await page.evaluate(() => window.keydowns);
  const keys = 37;
  const all = [...reported, ...Array(Math.max(0, keys - reported.length)).fill(16)].sort((a, b) => a - b);
  const median = all[Math.floor(all.length / 2)];
  console.log(`keystroke with ${n} documents on the device, CPU x4: keydown median ${median.toFixed(0)} ms, worst ${all[all.length - 1].toFixed(0)} ms (${reported.length} of ${keys} took 16 ms or more)`);
  await context.close();
}
await browser.close();
