// The lock at rest ("Khoá bằng mật khẩu", docs/lock.md) with `n` documents on the device, in
// Chromium against nginx: turning it on (from "Bật khoá" to "Đang bật": three PBKDF2 derivations,
// then every record encrypted in one transaction), the unlock (from "Mở khoá" to the list of n on
// screen: one derivation, then every summary decrypted), the autosave's commit on the locked store
// (beside the plain store's in member.mjs), and turning it off again.
import { autosaves, exportFile } from "./member.mjs";

const PASSPHRASE = "đo thời gian mở khoá 2026";

export async function lockBench(browser, base, n, { saves = 10 } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // "Nhập" is in soan/ (`#/nhap`).
  await page.goto(new URL("soan/#/nhap", base).href);
  await page.waitForSelector("#import-file", { state: "attached" });
  await page.setInputFiles("#import-file", exportFile(n));
  await page.waitForFunction((n) => document.querySelectorAll("#drafts > li").length === n, n, { timeout: 300_000 });
  const settings = new URL("soan/#/cai-dat", base).href;
  await page.goto(settings);
  await page.waitForSelector("#lock-card");
  await page.fill("#lock-passphrase", PASSPHRASE);
  await page.fill("#lock-passphrase-again", PASSPHRASE);
  await page.click("#lock-turn-on");
  await page.waitForSelector("#lock-code");
  const code = (await page.textContent("#lock-code")).trim();
  await page.fill("#lock-code-confirm", code.split("-").pop());
  const t0 = Date.now();
  await page.click("#lock-turn-on");
  await page.waitForSelector("#lock-status", { timeout: 300_000 });
  const turn_on_ms = Date.now() - t0;

  await page.goto(new URL("soan/#/", base).href);
  await page.reload();
  await page.waitForSelector("#unlock-passphrase");
  await page.fill("#unlock-passphrase", PASSPHRASE);
  const t1 = Date.now();
  await page.click("#unlock-submit");
  await page.waitForFunction((n) => document.querySelectorAll("#drafts > li").length === n, n, { timeout: 300_000 });
  const unlock_to_list_ms = Date.now() - t1;

  // Saves in the editor, each one's commit (encrypted, written, read back and decrypted).
  await page.goto(new URL("soan/#/doc/d0", base).href);
  await page.waitForSelector('[id="section-A.I.3"]');
  const autosave = await autosaves(page, saves);

  await page.goto(settings);
  await page.waitForSelector("#lock-off-current");
  await page.fill("#lock-off-current", PASSPHRASE);
  const t2 = Date.now();
  await page.click("#lock-off");
  await page.waitForSelector("#lock-turn-on", { timeout: 300_000 });
  const turn_off_ms = Date.now() - t2;
  await context.close();
  return {
    documents: n,
    turn_on_ms,
    unlock_to_list_ms,
    autosave,
    turn_off_ms,
  };
}
