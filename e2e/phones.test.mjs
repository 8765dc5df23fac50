// Phones as members reach the app (issue 29): inside Zalo's or Facebook's own browser, where a
// download may vanish and there is no share sheet, and in an iPhone's Safari tab, whose storage
// WebKit deletes after 7 days without a visit. Chromium with each app's real user agent (the same
// strings the core's table test reads, crates/core/tests/user_agents.tsv); the WebKitGTK side of
// it is in engines.test.mjs.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SETTINGS, askForRecoveryCode, confirmAndTurnOn } from "./lock.mjs";
import { ARTIFACTS, BASE_URL, ORIGIN, PHONE, SMALL_PHONE, audit, launch, createWorkspace, screenshot, waitSaved, largeText, assertFitsSmallScreen, openImport, userAgent } from "./helpers.mjs";

const browser = await launch();
after(() => browser.close());

/** A phone whose browser says it is `ua`; `standalone` when opened from the home screen (iOS
 * reports it as navigator.standalone). Every download is counted, every request recorded. */
async function phone(ua, { standalone = false } = {}) {
  const context = await browser.newContext({ ...PHONE, userAgent: ua });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: ORIGIN });
  if (standalone) {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "standalone", { get: () => true }));
  }
  const page = await context.newPage();
  const downloads = [];
  page.on("download", (d) => downloads.push(d.suggestedFilename()));
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  return { context, page, downloads, requests };
}

const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

test("in Zalo's browser on Android the warning comes before any typing, with Chrome's link and the address to copy", async () => {
  const { context, page, requests } = await phone(userAgent("zalo/android", "ZaloTheme"));
  await page.goto(BASE_URL);
  await page.waitForSelector("#in-app");
  // Nothing to type into yet: no create button, no field.
  assert.equal(await page.locator("#create").count(), 0);
  assert.equal(await page.locator("textarea, input[type=text]").count(), 0);
  const text = await page.textContent("#in-app");
  assert.match(text, /Trình duyệt này có thể làm mất tệp và bản nháp/);
  assert.match(text, /trình duyệt riêng của Zalo/);
  assert.match(text, /Hãy mở địa chỉ này bằng Chrome trước khi soạn/);
  assert.ok(!/webview|indexeddb/i.test(text), "no technical words on screen");
  const intent = await page.getAttribute("#in-app-chrome", "href");
  const url = new URL(BASE_URL);
  assert.equal(intent, `intent://${url.host}${url.pathname}#Intent;scheme=http;package=com.android.chrome;end`);
  await audit(page, "in Zalo's browser");
  await screenshot(page, "in-app-zalo-android");

  await page.click("#in-app-copy");
  await page.waitForSelector("#in-app-copied");
  assert.match(await page.textContent("#in-app-copied"), /^Đã chép địa chỉ\. Mở Chrome/);
  assert.equal(await clipboard(page), page.url());

  // The member goes on here: the home page, with the risk kept in a line on every page.
  await page.click("#in-app-continue");
  await page.waitForSelector("#create");
  assert.match(await page.textContent("#in-app-line"), /Đang mở trong trình duyệt của Zalo: tệp tải xuống có thể bị mất/);
  assert.ok(requests.every((r) => r.startsWith(ORIGIN)), "no request to another origin");
  await context.close();
});

test("in Zalo's browser 'Gửi' and 'Xuất JSON' copy the file's content and say so, and the workspace counts the pasted text exactly as the file", async () => {
  const member = await phone(userAgent("zalo/android", "ZaloTheme"));
  const { page } = member;
  await page.goto(BASE_URL);
  await page.click("#in-app-continue");
  await page.click("#create");
  await page.waitForSelector('[id="section-A.I.1"]');
  // The line stays in the editor's page too.
  await page.waitForSelector("#in-app-line");
  await page.fill("#doc-title", "Bản kiểm điểm của Lê Thị Mai");
  await page.fill("#identity-full-name", "Lê Thị Mai");
  await page.fill('[id="section-A.I.1"]', "Tham gia đủ 12/12 buổi sinh hoạt chi bộ.");
  await waitSaved(page);

  await page.click("#send");
  await page.waitForSelector("#copy-file");
  await page.waitForFunction(() => /^Đã chép nội dung tệp \(/.test(document.querySelector("#copy-status")?.textContent ?? ""));
  const sent = await clipboard(page);
  const envelope = JSON.parse(sent);
  assert.equal(envelope.format, "tusoi-export");
  assert.equal(envelope.documents[0].title, "Bản kiểm điểm của Lê Thị Mai");
  // The text to select by hand is the same.
  assert.equal(await page.inputValue("#copy-text"), sent);
  assert.match(await page.textContent("#copy-file"), /dán vào tin nhắn Zalo gửi chi bộ/);
  await page.locator("#copy-file").scrollIntoViewIfNeeded();
  await screenshot(page, "in-app-copy-file", { fullPage: false });

  await page.evaluate(() => navigator.clipboard.writeText(""));
  await page.click("#export-one");
  await page.waitForFunction(() => /^Đã chép nội dung tệp \(/.test(document.querySelector("#copy-status")?.textContent ?? ""));
  const exported = JSON.parse(await clipboard(page));
  assert.equal(exported.documents[0].answers.find((a) => a.section === "A.I.1")?.text, "Tham gia đủ 12/12 buổi sinh hoạt chi bộ.");

  // A Word file cannot leave from here: said, not pretended.
  await page.click("#export-word");
  await page.waitForSelector("#notice");
  assert.match(await page.textContent("#notice"), /không tải được tệp .*\.docx.*Hãy mở Tự soi bằng Chrome/);
  assert.deepEqual(member.downloads, [], "no download was attempted");

  // The secretary, in a real browser: the pasted text and the same text as a file are counted alike.
  const secretary = await phone(userAgent("browser/android", "K)"));
  const ws = secretary.page;
  const year = envelope.documents[0].year;
  await createWorkspace(ws, year);
  await ws.click("#ws-paste summary");
  await ws.fill("#ws-paste-text", sent);
  await ws.click("#ws-paste-receive");
  await ws.waitForFunction(() => document.querySelector("#ws-files-count")?.textContent.startsWith("Đã nhận 1 tệp") && !document.querySelector("#ws-progress"));
  // The rows say when each file was received: the two receipts may fall in different minutes.
  const rows = async () => (await ws.textContent("#ws-rows")).replace(/Tệp nhận lúc\d\d\/\d\d\/\d{4} \d\d:\d\d/g, "Tệp nhận lúc …");
  const pasted = { summary: await ws.textContent("#ws-summary"), rows: await rows() };
  assert.match(pasted.summary, /Tổng số đảng viên: 1;/);
  assert.match(pasted.rows, /Lê Thị Mai/);
  await screenshot(ws, "workspace-pasted");

  const dir = mkdtempSync(join(tmpdir(), "tusoi-phones-"));
  const file = join(dir, envelope.documents[0].title.replace(/\s+/g, "-") + ".tusoi.txt");
  writeFileSync(file, sent);
  await createWorkspace(ws, year);
  await ws.setInputFiles("#ws-files", file);
  await ws.waitForFunction(() => document.querySelector("#ws-files-count")?.textContent.startsWith("Đã nhận 1 tệp") && !document.querySelector("#ws-progress"));
  assert.equal(await ws.textContent("#ws-summary"), pasted.summary);
  assert.equal(await rows(), pasted.rows);

  // A sealed file's text, pasted, opens with the chi bộ's passphrase as the file would; without
  // it, it is refused and nothing is kept.
  const { seal } = await import("./sealed.mjs");
  const sealed = await seal(sent, "mật khẩu của chi bộ 2026");
  await createWorkspace(ws, year);
  await ws.click("#ws-paste summary");
  await ws.fill("#ws-paste-text", sealed);
  await ws.click("#ws-paste-receive");
  await ws.waitForFunction(() => /Đã nhận 1 tệp: 1 tệp không đọc được/.test(document.querySelector("#ws-files-count")?.textContent ?? ""));
  assert.match(await ws.textContent("#ws-file-notes"), /hãy gõ mật khẩu chi bộ đã thống nhất .*hoặc dán lại nội dung/);
  await ws.fill("#ws-passphrase", "mật khẩu của chi bộ 2026");
  await ws.fill("#ws-paste-text", sealed);
  await ws.click("#ws-paste-receive");
  await ws.waitForFunction(() => document.querySelector("#ws-files-count")?.textContent.startsWith("Đã nhận 2 tệp") && !document.querySelector("#ws-progress"), null, { timeout: 30_000 });
  assert.equal(await ws.textContent("#ws-summary"), pasted.summary);

  // Pasted text that is no file of the app is refused as such a file is, and nothing is counted
  // (the paste box is still open).
  await ws.fill("#ws-paste-text", "Gửi chị bản kiểm điểm nhé");
  await ws.click("#ws-paste-receive");
  await ws.waitForFunction(() => /Đã nhận 3 tệp: 2 tệp không đọc được/.test(document.querySelector("#ws-files-count")?.textContent ?? ""));
  assert.equal(await ws.textContent("#ws-summary"), pasted.summary);
  await member.context.close();
  await secretary.context.close();
});

test("in Zalo's browser on an iPhone and in Facebook's, each names its app and the way out for its phone", async () => {
  const ios = await phone(userAgent("zalo/ios", "ZaloTheme"));
  await ios.page.goto(BASE_URL);
  await ios.page.waitForSelector("#in-app");
  assert.match(await ios.page.textContent("#in-app"), /trình duyệt riêng của Zalo.*bằng Safari/);
  assert.match(await ios.page.textContent("#in-app-steps"), /⋯ .*“Mở bằng trình duyệt” \(Safari\)/);
  assert.equal(await ios.page.locator("#in-app-chrome").count(), 0, "no Chrome link on an iPhone");
  await screenshot(ios.page, "in-app-zalo-ios");
  await ios.context.close();

  const fb = await phone(userAgent("facebook/android"));
  await fb.page.goto(BASE_URL);
  await fb.page.waitForSelector("#in-app");
  assert.match(await fb.page.textContent("#in-app"), /trình duyệt riêng của Facebook/);
  await fb.context.close();
});

test("in an iPhone's Safari tab the install steps come before the first draft; opened from the home screen, neither they nor the warning", async () => {
  const safari = userAgent("ios-tab/ios", "Version/18");
  const tab = await phone(safari);
  await tab.page.goto(BASE_URL);
  await tab.page.waitForSelector("#ios-tab");
  const text = await tab.page.textContent("#ios-tab");
  assert.match(text, /sau 7 ngày không mở trang/);
  assert.match(text, /không sang được Tự soi cài trên màn hình chính/);
  assert.match(await tab.page.textContent("#ios-tab-steps"), /Chia sẻ .*“Thêm vào MH chính”/);
  await screenshot(tab.page, "ios-tab-install");
  await tab.page.click("#ios-tab-continue");
  await tab.page.waitForFunction(() => !document.querySelector("#ios-tab"));
  await tab.context.close();

  const installed = await phone(safari, { standalone: true });
  await installed.page.goto(BASE_URL);
  await installed.page.waitForSelector("#create");
  assert.equal(await installed.page.locator("#ios-tab, #in-app, #in-app-line").count(), 0);
  await installed.context.close();
});

test("in a real browser a download is only said to be asked for", async () => {
  const { context, page, downloads } = await phone(userAgent("browser/android", "K)"));
  await page.goto(BASE_URL);
  await page.waitForSelector("#create");
  assert.equal(await page.locator("#in-app, #in-app-line, #ios-tab").count(), 0);
  await page.click("#create");
  await page.waitForSelector('[id="section-A.I.1"]');
  await page.fill('[id="section-A.I.1"]', "Tham gia đủ 12/12 buổi.");
  await waitSaved(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-one")]);
  await page.waitForSelector("#notice");
  assert.equal(await page.textContent("#notice"), `Đã yêu cầu tải tệp “${download.suggestedFilename()}” xuống máy. Nếu không thấy tệp trong mục Tải xuống, hãy bấm lại.`);
  assert.equal(downloads.length, 1);
  // Back on the list: the row says when it was last exported.
  await page.goto(BASE_URL);
  await page.waitForSelector(".draft .exported");
  assert.match(await page.textContent(".draft .exported"), /^Xuất lần cuối: \d\d\/\d\d\/\d{4}/);
  await context.close();
});

test("every page fits 360 px with the text at 200 %: nothing scrolls sideways, no column is squeezed, every control is 44 px high", async () => {
  const context = await browser.newContext({ ...SMALL_PHONE, userAgent: userAgent("browser/android", "K)") });
  await largeText(context);
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.waitForSelector("#create");
  await assertFitsSmallScreen(page, "home-empty");

  // A pledge with its quarters and a review, imported in soan/ ("Nhập").
  await openImport(page);
  await assertFitsSmallScreen(page, "home-soan");
  await page.click("#import-paste-open");
  await assertFitsSmallScreen(page, "import-paste");
  await page.setInputFiles("#import-file", "crates/core/tests/corpus/valid-v3-progress-prompts.json");
  await page.waitForSelector("#drafts");
  await assertFitsSmallScreen(page, "home-drafts");
  const ids = await page.$$eval(".draft", (rows) => rows.map((r) => r.dataset.id));
  for (const [n, id] of ids.entries()) {
    await page.goto(`${BASE_URL}soan/#/doc/${id}`);
    await page.waitForSelector("#save-status");
    await page.$$eval("details", (all) => all.forEach((d) => (d.open = true)));
    await assertFitsSmallScreen(page, `editor-${n}`);
    // The pledge's "Tiến độ theo quý": each quarter named beside its status, none squeezed.
    if (await page.$("#progress-card")) await page.locator("#progress-card").screenshot({ path: join(ARTIFACTS, "small-progress-card.png") });
    await page.goto(`${BASE_URL}soan/#/in/${id}`);
    await page.waitForSelector(".a4");
    await assertFitsSmallScreen(page, `print-${n}`);
  }
  await page.goto(`${BASE_URL}soan/#/cai-dat`);
  await page.waitForSelector("#storage-status");
  await assertFitsSmallScreen(page, "settings");
  await page.goto(`${BASE_URL}soan/#/thung-rac`);
  await page.waitForSelector("h1");
  await assertFitsSmallScreen(page, "trash");

  // The chi bộ's workspace with the file received.
  await createWorkspace(page, 2026);
  await assertFitsSmallScreen(page, "workspace-empty");
  await page.setInputFiles("#ws-files", "crates/core/tests/corpus/valid-v3-progress-prompts.json");
  await page.waitForFunction(() => document.querySelector("#ws-files-count") && !document.querySelector("#ws-progress"));
  await page.$$eval("details", (all) => all.forEach((d) => (d.open = true)));
  await assertFitsSmallScreen(page, "workspace");
  // A member's document as the chi bộ reads it, the A4 summary, and merging the roll-up files.
  await page.click("#ws-rows .actions a");
  await page.waitForSelector("#ws-read-only");
  await assertFitsSmallScreen(page, "workspace-document");
  await page.goBack();
  await page.waitForSelector("#ws-print");
  const [rollup] = await Promise.all([page.waitForEvent("download"), page.click("#ws-rollup")]);
  const rollupPath = join(ARTIFACTS, "small-rollup.json");
  await rollup.saveAs(rollupPath);
  await page.click("#ws-print");
  await page.waitForSelector("#a4-counts");
  await assertFitsSmallScreen(page, "workspace-a4");
  await page.goto(new URL("chibo/#/gop", BASE_URL).href);
  await page.waitForSelector("#ws-merge-files", { state: "attached" });
  await assertFitsSmallScreen(page, "merge-empty");
  await page.setInputFiles("#ws-merge-files", rollupPath);
  await page.waitForSelector("#ws-merged");
  await assertFitsSmallScreen(page, "merge");

  // The lock: its card in the settings with the recovery code, then the lock screen.
  await page.goto(SETTINGS);
  await page.waitForSelector("#lock-card");
  await assertFitsSmallScreen(page, "lock-card");
  const code = await askForRecoveryCode(page, "một câu dài để thử màn hình nhỏ");
  await assertFitsSmallScreen(page, "lock-code");
  await confirmAndTurnOn(page, code);
  await page.waitForSelector("#lock-status");
  // A new page holds no key; with the lock on, the home page hands over to soan/'s lock screen
  // (a navigation of its own, so nothing else may navigate meanwhile).
  await page.goto(BASE_URL);
  await page.waitForSelector("#lock-screen");
  await assertFitsSmallScreen(page, "lock-screen");
  await page.click("#unlock-use-code");
  await page.waitForSelector("#unlock-code");
  await assertFitsSmallScreen(page, "lock-screen-code");
  await context.close();

  // The screens of an app's browser and of an iPhone's tab.
  for (const [kind, selector] of [["zalo/android", "#in-app"], ["ios-tab/ios", "#ios-tab"]]) {
    const other = await browser.newContext({ ...SMALL_PHONE, userAgent: userAgent(kind) });
    await largeText(other);
    const p = await other.newPage();
    await p.goto(BASE_URL);
    await p.waitForSelector(selector);
    await assertFitsSmallScreen(p, kind.replace("/", "-"));
    await other.close();
  }
});

/** Chrome's own `beforeinstallprompt`, as Chrome sends it once a site can be installed (headless
 * Chromium never does); its `prompt()` counts the calls. */
async function offerInstall(context) {
  await context.addInitScript(() => {
    window.__prompted = 0;
    addEventListener("load", () => {
      const event = new Event("beforeinstallprompt", { cancelable: true });
      event.prompt = () => {
        window.__prompted += 1;
        return Promise.resolve();
      };
      dispatchEvent(event);
    });
  });
}

test("on Android the browser's install is offered once, after the first saved draft, and nowhere it cannot install", async () => {
  const android = await phone(userAgent("browser/android", "SamsungBrowser/23"));
  await offerInstall(android.context);
  const { page } = android;
  await page.goto(BASE_URL);
  await page.waitForSelector("#create");
  assert.equal(await page.locator("#install-offer").count(), 0, "not before a draft");
  await page.click("#create");
  await page.waitForSelector('[id="section-A.I.1"]');
  await page.fill('[id="section-A.I.1"]', "Bản nháp đầu tiên.");
  await waitSaved(page);
  await page.goto(BASE_URL);
  await page.waitForSelector("#install-offer");
  assert.match(await page.textContent("#install-offer"), /trình duyệt sẽ giữ bản nháp lâu dài/);
  await screenshot(page, "install-offer");
  await page.click("#install-app");
  assert.equal(await page.evaluate(() => window.__prompted), 1, "the browser's own prompt");
  await page.waitForFunction(() => !document.querySelector("#install-offer"));
  await page.reload();
  await page.waitForSelector("#drafts");
  assert.equal(await page.locator("#install-offer").count(), 0, "offered once");
  await android.context.close();

  // An iPhone's Safari has no such prompt to give: nothing pops up, even with a draft.
  const iphone = await phone(userAgent("ios-tab/ios", "Version/18"));
  await offerInstall(iphone.context);
  await iphone.page.goto(BASE_URL);
  await iphone.page.click("#ios-tab-continue");
  await iphone.page.click("#create");
  await iphone.page.waitForSelector('[id="section-A.I.1"]');
  await iphone.page.fill('[id="section-A.I.1"]', "Bản nháp trên iPhone.");
  await waitSaved(iphone.page);
  await iphone.page.goto(BASE_URL);
  await iphone.page.waitForSelector("#drafts");
  assert.equal(await iphone.page.locator("#install-offer").count(), 0);
  await iphone.context.close();
});
