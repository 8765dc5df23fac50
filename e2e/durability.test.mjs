// Nothing lost: crashes, two tabs, full storage. Against the same nginx-served build as the
// journeys (see xtask/src/e2e.rs), in Debian's Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { BASE_URL, ORIGIN, CHROMIUM_ARGS, PHONE, launch, newPhone, openHome, createReview, waitSaved, screenshot } from "./helpers.mjs";

const AUTOSAVE_DELAY_MS = 500;
const ROUNDS = Number(process.env.E2E_CRASH_ROUNDS ?? 50);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Kills, with SIGKILL, every process of the browser that uses this profile folder. */
function killBrowser(profile) {
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

function launchProfile(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    ...PHONE,
  });
}

test(`killing the browser at random moments never corrupts a document and loses at most the autosave delay (${ROUNDS} rounds)`, async () => {
  const profile = mkdtempSync(join(tmpdir(), "tusoi-crash-"));
  let worst = { chars: 0, ms: 0 };
  let typed = "";
  let docUrl = null;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const context = await launchProfile(profile);
      const page = context.pages()[0] ?? (await context.newPage());
      if (docUrl === null) {
        await openHome(page);
        await createReview(page);
        docUrl = page.url();
      } else {
        await page.goto(docUrl);
      }
      await page.waitForSelector('[id="section-A.I.2"]', { timeout: 20000 });
      const stored = await page.inputValue('[id="section-A.I.2"]');
      // What survived must be exactly what was typed, up to some point: never garbage.
      assert.ok(typed.startsWith(stored), `round ${round}: stored text is not a prefix of the typed text`);
      const lost = typed.slice(stored.length);
      if (lost.length > 0) {
        // The lost characters must all have been typed within the autosave delay before the kill.
        const lostSince = stamps[stored.length];
        const window = killedAt - lostSince;
        assert.ok(window <= AUTOSAVE_DELAY_MS + 250, `round ${round}: lost ${lost.length} chars typed ${window} ms before the kill`);
        if (lost.length > worst.chars) worst = { chars: lost.length, ms: window };
      }
      typed = stored;
      stamps = stamps.slice(0, stored.length);

      // Type a few words, a character at a time, then kill at a random moment.
      await page.focus('[id="section-A.I.2"]');
      await page.keyboard.press("End");
      const words = ` vòng ${round} hoàn thành`;
      for (const ch of words) {
        await page.keyboard.type(ch);
        typed += ch;
        stamps.push(Date.now());
      }
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1200)));
      killedAt = Date.now();
      assert.ok(killBrowser(profile) > 0, "the browser was running");
      await context.close().catch(() => {});
    }
  } finally {
    killBrowser(profile);
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`crash test: ${ROUNDS} rounds; worst case lost ${worst.chars} characters, typed within ${worst.ms} ms before the kill (autosave delay ${AUTOSAVE_DELAY_MS} ms)`);
});
let stamps = [];
let killedAt = 0;

test("two tabs: a tab never writes over the other's save; the member chooses", async () => {
  const context = await browser.newContext(PHONE);
  const one = await context.newPage();
  await openHome(one);
  await createReview(one);
  await one.fill('[id="section-A.I.1"]', "Bản đầu.");
  await waitSaved(one);
  const two = await context.newPage();
  await two.goto(one.url());
  await two.waitForSelector('[id="section-A.I.1"]');

  // A clean tab simply follows the other's saves.
  await one.fill('[id="section-A.I.1"]', "Thẻ một sửa.");
  await waitSaved(one);
  await two.waitForFunction(() => document.querySelector('[id="section-A.I.1"]').value === "Thẻ một sửa.");
  assert.match(await two.textContent("#save-status"), /^Đã cập nhật theo thay đổi ở thẻ khác/);

  // Both type before either saves: whichever saves second must ask, not overwrite.
  await two.fill('[id="section-A.I.1"]', "Thẻ hai viết.");
  await one.fill('[id="section-A.I.1"]', "Thẻ một viết.");
  const conflicted = await Promise.race([
    one.waitForSelector("#conflict").then(() => one),
    two.waitForSelector("#conflict").then(() => two),
  ]);
  const other = conflicted === one ? two : one;
  const mine = await conflicted.inputValue('[id="section-A.I.1"]');
  const theirs = await other.inputValue('[id="section-A.I.1"]');
  assert.notEqual(mine, theirs);
  assert.match(await conflicted.textContent("#conflict"), /Tài liệu đã được sửa ở một thẻ khác/);
  await screenshot(conflicted, "conflict");

  await conflicted.click("#conflict-keep");
  await conflicted.waitForFunction((t) => document.querySelector('[id="section-A.I.1"]').value === t, theirs);
  assert.match(await conflicted.textContent("#notice"), /^Đã lưu bản của bạn thành bản sao/);
  await conflicted.click(".back");
  await conflicted.waitForFunction(() => document.querySelectorAll("#drafts > li").length === 2);
  const titles = await conflicted.$$eval("#drafts .draft-title", (els) => els.map((e) => e.textContent));
  assert.ok(titles.some((t) => t.endsWith("(bản sao)")), titles.join(" | "));
  await conflicted.click("#drafts li:has(.draft-title:text-matches('bản sao')) .draft-title");
  await conflicted.waitForSelector('[id="section-A.I.1"]');
  assert.equal(await conflicted.inputValue('[id="section-A.I.1"]'), mine, "the member's own text is kept in the copy");
  await context.close();
});

test("a save the browser leaves unanswered is reported after 10 s with the export, and saved once the browser answers", async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await openHome(page);
  await createReview(page);
  await page.fill('[id="section-A.I.1"]', "Đã lưu trước.");
  await waitSaved(page);

  // Another tab holds a write transaction on the documents store open, request after request:
  // the browser queues the editor's save behind it and does not answer.
  const holder = await context.newPage();
  await holder.goto(page.url());
  await holder.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.open("tusoi");
    r.onerror = () => fail(r.error);
    r.onsuccess = () => {
      const store = r.result.transaction("documents", "readwrite").objectStore("documents");
      window.release = false;
      const spin = () => { if (!window.release) store.get("nothing").onsuccess = spin; };
      spin();
      ok();
    };
  }));
  await page.fill('[id="section-A.I.1"]', "Viết khi trình duyệt không trả lời.");
  await page.waitForFunction(() => document.querySelector("#save-status")?.textContent === "Đang lưu…");
  const started = Date.now();
  await page.waitForSelector('#save-status[role="alert"]', { timeout: 30000 });
  const waited = Date.now() - started;
  assert.ok(waited >= 9000, `reported after ${waited} ms, not before the 10 s`);
  assert.match(await page.textContent("#save-status"), /^Trình duyệt chưa xác nhận lần lưu sau 10 giây/);
  assert.ok(await page.isVisible("#failed-export"), "the export is offered");
  assert.equal(await page.inputValue('[id="section-A.I.1"]'), "Viết khi trình duyệt không trả lời.", "the text stays on the page");

  // The browser answers at last: the save goes through and the status says so.
  await holder.evaluate(() => { window.release = true; });
  await waitSaved(page);
  await holder.close();
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await fresh.waitForSelector('[id="section-A.I.1"]');
  assert.equal(await fresh.inputValue('[id="section-A.I.1"]'), "Viết khi trình duyệt không trả lời.");
  await context.close();
});

test("full storage: the member is told why and offered the export, and the last saved version stays", async () => {
  const { context, page } = await newPhone(browser);
  // Chromium applies the override only if it is set before the origin first touches storage.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin: ORIGIN, quotaSize: 204800 });
  await openHome(page);
  await createReview(page);
  await page.fill('[id="section-A.I.1"]', "Đã lưu trước khi đầy.");
  await waitSaved(page);
  await page.fill('[id="section-A.I.1"]', "Đã lưu trước khi đầy. " + "Nội dung dài. ".repeat(80000));
  await page.waitForSelector('#save-status[role="alert"]');
  assert.match(await page.textContent("#save-status"), /^Không lưu được: bộ nhớ của trình duyệt đã đầy/);
  assert.ok(await page.isVisible("#failed-export"), "the export is offered");
  // The page is metres long with that text; the top of it is what the member sees.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "quota", { fullPage: false });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#failed-export")]);
  assert.match(download.suggestedFilename(), /\.json$/);

  await cdp.send("Storage.overrideQuotaForOrigin", { origin: ORIGIN });
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await fresh.waitForSelector('[id="section-A.I.1"]');
  assert.equal(await fresh.inputValue('[id="section-A.I.1"]'), "Đã lưu trước khi đầy.", "the last saved version is intact");
  await context.close();
});
