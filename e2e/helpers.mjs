// Shared set-up of the end-to-end journeys: Debian's Chromium through playwright-core, a phone
// viewport, and a record of every request the page makes.
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { join } from "node:path";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080/apps/tusoi/";
export const ORIGIN = new URL(BASE_URL).origin;
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? "target/e2e/artifacts";
export const SITE = process.env.E2E_SITE ?? "target/e2e/site";
export const SCHEMA = process.env.E2E_SCHEMA ?? "crates/core/schema/export.schema.json";
mkdirSync(ARTIFACTS, { recursive: true });

// Without the background-networking flags Chromium floods the closed network with requests to
// Google's services (component updates, safe browsing), which the e2e suite would count as leaks.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
// No `--disable-features` here: Chromium keeps the last value of a switch, so one of ours would
// replace playwright-core's own list (HttpsUpgrades, which the plain-HTTP journey needs off, is in
// it, with Translate, OptimizationHints, PaintHolding and MediaRouter) instead of adding to it.

export async function launch(extraArgs = []) {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export const PHONE = {
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
  locale: "vi-VN",
  acceptDownloads: true,
};

/** A fresh profile (a new browser context) whose requests are all recorded in `requests`. */
export async function newPhone(browser) {
  const context = await browser.newContext(PHONE);
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  // The workspace asks before it is left with a change not yet stored: a test that reloads or
  // leaves then would race the save, so it is recorded as an error (and the page left, as
  // Playwright does without a listener). Other dialogs are dismissed, as without one, unless the
  // test listens itself.
  context.on("dialog", (d) => {
    if (d.type() === "beforeunload") {
      errors.push(`left ${d.page()?.url()} before its change was stored`);
      d.accept().catch(() => {});
    } else if (!d.page() || d.page().listenerCount("dialog") === 0) {
      d.dismiss().catch(() => {});
    }
  });
  return { context, page, requests, errors };
}

/** Waits until the workspace on `page` has stored every change (the line under its title). */
export async function workspaceStored(page) {
  await page.waitForSelector('#ws-save-state[data-state="saved"]');
}

/** Opens the home page and waits until the app has started. */
export async function openHome(page, url = BASE_URL) {
  await page.goto(url);
  await page.waitForSelector("#create");
}

/** Creates a self-review from the home page and waits for its editor. */
export async function createReview(page) {
  await page.click("#create");
  await page.waitForSelector('.editor textarea[id^="section-"]');
}

/** Waits until the status line says the document was saved ("Đã lưu lúc hh:mm:ss"). A status left
 * from an earlier save also matches: the seconds it shows cannot tell two saves in one second apart. */
export async function waitSaved(page) {
  await page.waitForFunction(() => /^Đã lưu lúc \d\d:\d\d:\d\d$/.test(document.querySelector("#save-status")?.textContent ?? ""));
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** Creates a workspace of Chi bộ Thôn 2 for the year and returns once its page shows. */
export async function createWorkspace(page, year) {
  await page.goto(new URL("chibo/", BASE_URL).href);
  await page.waitForSelector("#ws-create");
  await page.fill("#ws-dang-bo", "Đảng bộ xã Hoà An");
  await page.fill("#ws-chi-bo", "Chi bộ Thôn 2");
  await page.fill("#ws-year", String(year));
  await page.click("#ws-create-button");
  await page.waitForSelector("#ws-roster");
}

/** Creates a roll-up of 2026 for `chiBo` of Đảng bộ phường Tân Định; returns a wait for "Đã nhận n
 * tệp" with nothing left to read. */
export async function newRollup(page, chiBo = "Chi bộ Khu phố 4") {
  await page.goto(new URL("chibo/", BASE_URL).href);
  await page.waitForSelector("#ws-create");
  await page.fill("#ws-dang-bo", "Đảng bộ phường Tân Định");
  await page.fill("#ws-chi-bo", chiBo);
  await page.fill("#ws-year", "2026");
  await page.click("#ws-create-button");
  await page.waitForSelector("#ws-roster");
  return (n) => page.waitForFunction((n) => document.querySelector("#ws-files-count")?.textContent.startsWith(`Đã nhận ${n} tệp`) && !document.querySelector("#ws-progress"), n, { timeout: 60_000 });
}

/** Waits until the service worker controls the page and has cached the build. */
export async function waitOfflineReady(page) {
  await page.waitForFunction(() => window.tusoiServiceWorkerStatus === "ready" && navigator.serviceWorker.controller !== null);
}

/** Fails on any serious or critical accessibility violation (axe) of the page as it is. */
export async function audit(page, name) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    [],
    `accessibility of ${name}`,
  );
}

/** Puts a new version of a served file in place as a release would: with its `.br` and `.gz`
 * copies, which nginx sends instead of the file (`brotli_static`, `gzip_static`). */
export function writeServed(path, text) {
  writeFileSync(path, text);
  writeFileSync(`${path}.br`, brotliCompressSync(Buffer.from(text)));
  writeFileSync(`${path}.gz`, gzipSync(Buffer.from(text)));
}

/** Kills, with SIGKILL, every process of the browser that uses this profile folder. */
export function killBrowser(profile) {
  let pids = [];
  try {
    pids = execFileSync("pgrep", ["-f", "--", `--user-data-dir=${profile}`], { encoding: "utf8" }).split("\n").filter(Boolean);
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {}
  }
  return pids.length;
}

export function launchProfile(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    ...PHONE,
  });
}

/**
 * Every Word file in `paths` passes the OOXML validator (openxml-audit, the Open XML SDK's schema
 * and semantic rules for Office 2019) with no finding at all: LibreOffice forgives what Word may
 * repair or refuse. `cargo xtask e2e` installs the validator and names it in E2E_OPENXML_AUDIT.
 */
export function assertWordValid(paths) {
  const audit = process.env.E2E_OPENXML_AUDIT;
  assert.ok(audit, "E2E_OPENXML_AUDIT names the validator (cargo xtask e2e sets it)");
  for (const path of paths) {
    let out;
    try {
      out = execFileSync(audit, ["-f", "office2019", "-m", "0", "-o", "json", path], { encoding: "utf8" });
    } catch (e) {
      // A file with findings exits non-zero; its report is still on stdout.
      out = e.stdout;
    }
    const [report] = JSON.parse(out);
    const findings = report.errors.map((e) => `${e.description ?? e.message ?? JSON.stringify(e)} (${e.part_uri ?? ""} ${e.path ?? ""})`);
    assert.equal(report.error_count + report.warning_count, 0, `${path}: ${report.verdict?.headline}\n${findings.join("\n")}`);
  }
}

/**
 * Opens "Nhập": in the first load's home page it is a link to `soan/#/nhap`, where the importer
 * is (the first load carries no importer); in `soan/` the home page has it already.
 */
export async function openImport(page) {
  if (await page.$("#import-file")) return;
  await page.click("#import-link");
  await page.waitForSelector("#import-file", { state: "attached" });
}

/** A 360 px wide phone (the most common Android width) whose text is set to 200 %. */
export const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 780 }, bypassCSP: true };

/** Sets the text of every page the context opens to 200 % (the app's root size is 17 px). */
export async function largeText(context) {
  await context.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const style = document.createElement("style");
      style.textContent = "html { font-size: 34px !important; }";
      document.head.append(style);
    });
  });
}

/**
 * The page as it is fits a small screen with large text: nothing scrolls sideways, no table
 * column is squeezed narrower than three letters, and every control is at least 44 px high
 * (WCAG 2.5.5; links inside a sentence and the printed A4 page aside). Keeps a screenshot.
 */
export async function assertFitsSmallScreen(page, name) {
  const found = await page.evaluate(() => {
    const seen = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden" && !e.closest(".a4, .visually-hidden, [inert]");
    const label = (e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : ""} “${(e.textContent || e.value || "").trim().slice(0, 24)}”`;
    const doc = document.scrollingElement;
    const sideways = doc.scrollWidth - doc.clientWidth;
    const controls = [...document.querySelectorAll("button, a.button, label.button, select, textarea, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file])")]
      .filter(seen)
      .map((e) => [e, e.getBoundingClientRect().height])
      .filter(([, h]) => h < 43.5)
      .map(([e, h]) => `${label(e)}: ${h.toFixed(1)} px`);
    // A checkbox or radio counts by the label that holds it, which is what a finger taps.
    const boxes = [...document.querySelectorAll("input[type=checkbox], input[type=radio]")]
      .filter(seen)
      .map((e) => [e, (e.closest("label") ?? e).getBoundingClientRect().height])
      .filter(([, h]) => h < 43.5)
      .map(([e, h]) => `${label(e)}: ${h.toFixed(1)} px`);
    const squeezed = [...document.querySelectorAll("th, td")]
      .filter((c) => seen(c) && c.textContent.trim().length >= 3)
      .filter((c) => {
        const cs = getComputedStyle(c);
        const inner = c.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        return inner < 3 * parseFloat(cs.fontSize);
      })
      .map((c) => `${label(c)}: ${c.clientWidth} px`);
    const wide = [...document.body.querySelectorAll("*")]
      .filter((e) => seen(e) && e.getBoundingClientRect().right > doc.clientWidth + 1)
      .slice(0, 5)
      .map((e) => `${label(e)} ends at ${e.getBoundingClientRect().right.toFixed(0)} px`);
    return { sideways, small: [...controls, ...boxes], squeezed, wide };
  });
  await screenshot(page, `small-${name}`);
  assert.ok(found.sideways <= 0, `${name}: the page scrolls sideways by ${found.sideways} px: ${found.wide.join("; ")}`);
  assert.deepEqual(found.squeezed, [], `${name}: table columns squeezed`);
  assert.deepEqual(found.small, [], `${name}: controls under 44 px`);
}

/** The first recorded user agent of a kind in the core's fixture (crates/core/tests/user_agents.tsv,
 * the strings `base::environment`'s table test reads), e.g. "zalo/android", containing `contains`. */
export function userAgent(kind, contains = "") {
  const line = readFileSync(new URL("../crates/core/tests/user_agents.tsv", import.meta.url), "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${kind}\t`) && l.includes(contains));
  assert.ok(line, `no ${kind} in the fixture`);
  return line.split("\t")[1];
}
