// "Khoá bằng mật khẩu" (issue 13, docs/lock.md) against the release build served by nginx, on a
// phone viewport in Debian's Chromium, with the browser's real IndexedDB and WebCrypto: turning the
// lock on with a recovery code, what a locked app shows, "Khoá" and the idle lock, the recovery
// code, a new passphrase, turning it off, and a second tab that was open during the switch.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, audit, launch, newPhone, openHome, createReview, waitSaved, screenshot } from "./helpers.mjs";
import { SETTINGS, askForRecoveryCode, confirmAndTurnOn, rawDatabase, unlock } from "./lock.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const NAME = "Đặng Thị Mai Hương";
const SECTION = "Hoàn thành 31/31 hồ sơ thẩm định đất đai đúng hạn.";
const PASSPHRASE = "bến nước sân đình 1968";

/** The lock screen, and nothing of the member's on the page. */
async function assertLocked(page) {
  await page.waitForSelector("#lock-screen");
  const text = await page.textContent("body");
  assert.ok(!text.includes(NAME) && !text.includes("Bản kiểm điểm"), "nothing of the drafts shows while locked");
  assert.equal(await page.$("#drafts"), null);
}

/** Turns the lock on from the settings, checking each refusal on the way; gives the recovery code. */
async function turnOn(page) {
  await page.goto(SETTINGS);
  await page.waitForSelector("#lock-card");
  assert.match(await page.textContent("#lock-warning"), /không ai lấy lại được/);
  await page.fill("#lock-passphrase", "ngắn");
  await page.fill("#lock-passphrase-again", "ngắn");
  await page.click("#lock-turn-on");
  assert.match(await page.textContent("#lock-card [role=alert]"), /ít nhất 8 ký tự/);
  const code = await askForRecoveryCode(page, PASSPHRASE);
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
  await screenshot(page, "lock-recovery-code", { fullPage: false });
  await audit(page, "the lock's card with the recovery code");
  await page.fill("#lock-code-confirm", "ABCD");
  await page.click("#lock-turn-on");
  assert.match(await page.textContent("#lock-card [role=alert]"), /chưa khớp/);
  // Nothing was encrypted yet: the lock is not on until the code is confirmed.
  assert.ok((await rawDatabase(page)).includes(NAME));
  await confirmAndTurnOn(page, code);
  await page.waitForSelector("#lock-status");
  return code;
}

test("Khoá bằng mật khẩu: on with a recovery code, nothing readable at rest or on screen until unlocked, Khoá and the idle lock keep the last edit, a new passphrase, then off", async () => {
  const { context, page, errors } = await newPhone(browser);
  await page.clock.install();
  await openHome(page);
  await createReview(page);
  await page.fill("#identity-full-name", NAME);
  await page.fill('[id="section-A.I.1"]', SECTION);
  await waitSaved(page);
  assert.ok((await rawDatabase(page)).includes(NAME), "stored in the clear before");

  const code = await turnOn(page);
  const raw = await rawDatabase(page);
  for (const secret of [NAME, SECTION, "Bản kiểm điểm", "HD43"]) assert.ok(!raw.includes(secret), `no plaintext at rest: ${secret}`);

  // Reopened, from the site's first page too: the lock screen, and a wrong passphrase changes nothing.
  await page.goto(BASE_URL);
  await assertLocked(page);
  assert.match(page.url(), /\/soan\//, "the home page hands a locked store to soan/");
  await audit(page, "the lock screen");
  await screenshot(page, "lock-screen", { fullPage: false });
  await unlock(page, "bến nước sân đình 1969");
  await page.waitForSelector("#unlock-error");
  assert.match(await page.textContent("#unlock-error"), /không đúng/);
  await unlock(page, PASSPHRASE);
  await page.waitForSelector("#drafts .draft-title");

  // "Khoá" right after typing: the last edit is saved, encrypted, before the key goes.
  await page.click(".draft-title");
  await page.waitForSelector('[id="section-A.I.2"]');
  await page.fill('[id="section-A.I.2"]', "Gõ xong rồi khoá ngay.");
  await page.click("#topbar-lock");
  await assertLocked(page);
  assert.ok(!(await rawDatabase(page)).includes("khoá ngay"));
  await unlock(page, PASSPHRASE);
  await page.waitForSelector('[id="section-A.I.2"]');
  assert.equal(await page.inputValue('[id="section-A.I.2"]'), "Gõ xong rồi khoá ngay.");

  // Five minutes without a touch (the default): locked again.
  await page.clock.fastForward("05:10");
  await assertLocked(page);

  // The recovery code, as written on paper, opens it; then a new passphrase from the code.
  await page.click("#unlock-use-code");
  await page.fill("#unlock-code", code.toLowerCase().replaceAll("-", " "));
  await page.click("#unlock-submit");
  await page.waitForSelector("#unlock-code-banner");
  await page.goto(SETTINGS);
  await page.waitForSelector("#lock-status");
  await page.fill("#lock-current", code);
  await page.fill("#lock-new", "mật khẩu mới của Hương");
  await page.fill("#lock-new-again", "mật khẩu mới của Hương");
  await page.click("#lock-change");
  await page.waitForFunction(() => /^Đã đổi mật khẩu/.test(document.querySelector("#notice")?.textContent ?? ""));
  await page.reload();
  await assertLocked(page);
  await unlock(page, PASSPHRASE);
  await page.waitForSelector("#unlock-error");
  await unlock(page, "mật khẩu mới của Hương");
  await page.waitForSelector("#lock-status");

  // Off: every record in the clear again, and no lock screen.
  await page.fill("#lock-off-current", "mật khẩu mới của Hương");
  await page.click("#lock-off");
  await page.waitForFunction(() => /^Đã tắt khoá/.test(document.querySelector("#notice")?.textContent ?? ""));
  assert.ok((await rawDatabase(page)).includes(NAME));
  await page.goto(BASE_URL);
  await page.waitForSelector("#drafts .draft-title");
  assert.equal(await page.$("#lock-screen"), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a tab open while another turns the lock on writes nothing into the locked store and says to reload", async () => {
  const { context, page, errors } = await newPhone(browser);
  await openHome(page);
  await createReview(page);
  await page.fill("#identity-full-name", NAME);
  await waitSaved(page);
  const editor = page.url();
  const other = await context.newPage();
  await other.goto(editor);
  await other.waitForSelector('[id="section-A.I.1"]');

  await turnOn(page);
  await other.fill('[id="section-A.I.1"]', "Gõ ở thẻ cũ sau khi khoá đã bật.");
  await other.waitForSelector("#lock-changed");
  assert.match(await other.textContent("#lock-changed"), /tải lại trang/);
  assert.ok(!(await rawDatabase(page)).includes("thẻ cũ"), "the old tab wrote no plaintext");
  // Reloaded, the old tab asks for the passphrase like any other.
  await other.click("#lock-changed button");
  await assertLocked(other);
  await unlock(other, PASSPHRASE);
  await other.waitForSelector('[id="section-A.I.1"]');
  assert.deepEqual(errors, []);
  await context.close();
});

test("the chi bộ workspace's roll-ups are locked with the drafts, and its page asks for the same passphrase", async () => {
  const { context, page, errors } = await newPhone(browser);
  const workspace = new URL("chibo/", BASE_URL).href;
  await page.goto(workspace);
  await page.waitForSelector("#ws-create");
  await page.fill("#ws-dang-bo", "Đảng bộ phường Tân Định");
  await page.fill("#ws-chi-bo", "Chi bộ Hoa Sen");
  await page.fill("#ws-year", "2026");
  await page.click("#ws-create-button");
  await page.waitForSelector("#ws-roster");
  assert.ok((await rawDatabase(page, "tusoi-chibo")).includes("Hoa Sen"), "stored in the clear before");

  await page.goto(SETTINGS);
  await page.waitForSelector("#lock-card");
  const code = await askForRecoveryCode(page, PASSPHRASE);
  await confirmAndTurnOn(page, code);
  await page.waitForSelector("#lock-status");
  // The workspaces follow once the drafts are locked: no chi bộ's name left in the clear.
  for (let i = 0; i < 50 && (await rawDatabase(page, "tusoi-chibo")).includes("Hoa Sen"); i++) await page.waitForTimeout(100);
  const raw = await rawDatabase(page, "tusoi-chibo");
  for (const secret of ["Hoa Sen", "Tân Định"]) assert.ok(!raw.includes(secret), `no plaintext in the workspaces: ${secret}`);

  await page.goto(workspace);
  await assertLocked(page);
  await unlock(page, PASSPHRASE);
  await page.waitForFunction(() => document.body.textContent.includes("Hoa Sen"));
  await page.click("#topbar-lock");
  await assertLocked(page);
  assert.ok(!(await page.textContent("body")).includes("Hoa Sen"));
  assert.deepEqual(errors, []);
  await context.close();
});
