// The member's journeys against the release build served by nginx under /apps/tusoi/, on a phone
// viewport (390×844, touch) in Debian's Chromium. Run by `cargo xtask test` (see xtask/src/e2e.rs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import {
  BASE_URL, ORIGIN, SCHEMA, SITE, audit, launch, newPhone, openHome, createReview, waitSaved, screenshot, waitOfflineReady, writeServed, openImport } from "./helpers.mjs";
import { open as openSealed } from "./sealed.mjs";
import { readLoop, fileOf } from "./qr.mjs";

let browser;
const allRequests = [];
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function phone() {
  const p = await newPhone(browser);
  p.context.on("request", (r) => allRequests.push(r.url()));
  return p;
}

const SECTIONS = {
  "A.I.1": "Tham gia đủ 12/12 buổi sinh hoạt chi bộ; không có biểu hiện suy thoái.",
  "A.I.2": "Hoàn thành 24/24 hồ sơ đúng hạn, vượt 8; soạn 3 quy trình mới.",
  "A.VI": "Học xong lớp quản lý nhà nước trước 30/6/2026.",
};

/** A fresh profile that imported `file` (one document), with that document open in the editor. */
async function importedIntoFreshProfile(file) {
  const b = await phone();
  await openHome(b.page);
  await openImport(b.page);
  await b.page.setInputFiles("#import-file", file);
  await b.page.waitForSelector("#drafts");
  assert.match(await b.page.textContent("#notice"), /^Đã nhập 1 bản nháp/);
  await b.page.click(".draft-title");
  await b.page.waitForSelector('[id="section-A.I.1"]');
  return b;
}

async function typeSections(page) {
  for (const [id, text] of Object.entries(SECTIONS)) {
    await page.fill(`[id="section-${id}"]`, text);
  }
}

async function sectionTexts(page) {
  const out = {};
  for (const id of Object.keys(SECTIONS)) out[id] = await page.inputValue(`[id="section-${id}"]`);
  return out;
}

test("a self-review typed into three sections is there after a reload", async () => {
  const { context, page, errors } = await phone();
  await openHome(page);
  await screenshot(page, "home-empty");
  await audit(page, "home (empty)");
  await createReview(page);
  await page.fill("#identity-full-name", "Nguyễn Thị Hoa");
  await typeSections(page);
  await waitSaved(page);
  await screenshot(page, "editor");
  await audit(page, "editor");
  // Nothing scrolls sideways on a phone.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);

  await page.reload();
  await page.waitForSelector('[id="section-A.I.1"]');
  assert.deepEqual(await sectionTexts(page), SECTIONS);
  assert.equal(await page.inputValue("#identity-full-name"), "Nguyễn Thị Hoa");

  await page.click(".back");
  await page.waitForSelector("#drafts");
  await screenshot(page, "home-list");
  await audit(page, "home (list)");
  await page.click(".topbar-link");
  await page.waitForSelector("#offline-status");
  // No profile yet: the settings offer to start it from the latest draft, which the member saves.
  await page.waitForSelector("#profile-from-document");
  assert.match(await page.textContent("#profile-from-document"), /^Điền từ bản “Bản kiểm điểm năm \d{4}”$/);
  await screenshot(page, "settings");
  await audit(page, "settings");
  await page.click("#profile-from-document");
  assert.equal(await page.locator("#profile").getByLabel("Họ và tên", { exact: true }).inputValue(), "Nguyễn Thị Hoa");
  assert.equal(await page.$("#profile-from-document"), null);
  await page.click("#profile-save");
  await page.waitForFunction(() => /^Đã lưu\./.test(document.querySelector("#notice")?.textContent ?? ""));
  assert.deepEqual(errors, []);
  await context.close();
});

test("offline, the app starts from its service worker and the draft opens and saves", async () => {
  const { context, page, errors } = await phone();
  await openHome(page);
  await waitOfflineReady(page);
  await createReview(page);
  await page.fill('[id="section-A.I.1"]', "Trước khi mất mạng.");
  await waitSaved(page);
  const url = page.url();

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[id="section-A.I.1"]');
  assert.equal(await page.inputValue('[id="section-A.I.1"]'), "Trước khi mất mạng.");
  await page.fill('[id="section-A.I.1"]', "Viết tiếp khi không có mạng.");
  await waitSaved(page);
  await page.goto(BASE_URL);
  await page.waitForSelector("#drafts");
  await page.goto(url);
  await page.waitForSelector('[id="section-A.I.1"]');
  assert.equal(await page.inputValue('[id="section-A.I.1"]'), "Viết tiếp khi không có mạng.");
  await page.click(".topbar-link");
  // The status arrives once the wasm has started and the worker answers: wait for it to leave
  // "Đang chuẩn bị…" (read at once, it raced the worker and failed a clean-clone run), then pin it.
  await page.waitForFunction(() => !/^Đang chuẩn bị/.test(document.querySelector("#offline-status")?.textContent ?? "Đang chuẩn bị"));
  assert.match(await page.textContent("#offline-status"), /^Đã sẵn sàng/);
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an exported document validates against the schema and imports into a fresh profile unchanged", async () => {
  const a = await phone();
  await openHome(a.page);
  await createReview(a.page);
  await a.page.fill("#identity-full-name", "Trần Văn Bình");
  await typeSections(a.page);
  // Key by key with a redraw between keys, as a person types: the comma once emptied the field.
  await a.page.locator("#score-general").pressSequentially("27,5", { delay: 80 });
  await a.page.fill("#score-tasks", "60");
  await a.page.check("#rating-hoan_thanh_tot");
  await waitSaved(a.page);
  const [download] = await Promise.all([a.page.waitForEvent("download"), a.page.click("#export-one")]);
  assert.match(download.suggestedFilename(), /^tu-soi-ban-kiem-diem-nam-\d{4}-\d{4}-\d\d-\d\d\.json$/);
  const file = join(mkdtempSync(join(tmpdir(), "tusoi-")), download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // schemars names the Rust integer and float widths; the bounds themselves are in the schema.
  for (const f of ["uint16", "uint32", "uint64", "double"]) ajv.addFormat(f, true);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
  assert.ok(validate(exported), JSON.stringify(validate.errors));
  assert.equal(exported.format, "tusoi-export");
  assert.equal(exported.documents.length, 1);
  await a.context.close();

  const b = await importedIntoFreshProfile(file);
  assert.deepEqual(await sectionTexts(b.page), SECTIONS);
  assert.equal(await b.page.inputValue("#identity-full-name"), "Trần Văn Bình");
  assert.equal(await b.page.inputValue("#score-general"), "27,5");
  assert.ok(await b.page.isChecked("#rating-hoan_thanh_tot"));

  // The same file again: the member must choose; "Giữ cả hai" adds a copy and keeps the original.
  await b.page.click(".back");
  await openImport(b.page);
  await b.page.setInputFiles("#import-file", file);
  await b.page.waitForSelector("#import-conflict");
  await screenshot(b.page, "import-conflict");
  await audit(b.page, "import conflict");
  await b.page.click("#import-keep-both");
  await b.page.waitForFunction(() => document.querySelectorAll("#drafts > li").length === 2);
  await b.context.close();
});


test("the first load's list exports the stored document as the editor does, and its rename, copy and next year's review are soan/'s steps that come back", async () => {
  const { context, page, errors } = await phone();
  await openHome(page);
  await createReview(page);
  await page.fill("#identity-full-name", "Trần Văn Bình");
  await typeSections(page);
  await page.check("#rating-hoan_thanh_tot");
  await waitSaved(page);
  const id = new URL(page.url()).hash.split("/").pop();
  const save = async (download) => {
    const file = join(mkdtempSync(join(tmpdir(), "tusoi-")), download.suggestedFilename());
    await download.saveAs(file);
    return JSON.parse(readFileSync(file, "utf8"));
  };
  const [fromEditor] = await Promise.all([page.waitForEvent("download"), page.click("#export-one")]);
  const edited = await save(fromEditor);

  // The first load's list: its wasm never reads a body; "Xuất JSON" hands the stored JSON.
  await page.goto(BASE_URL);
  await page.waitForSelector("#drafts");
  assert.equal(new URL(page.url()).pathname, new URL(BASE_URL).pathname, "still the first load's page");
  const [fromList] = await Promise.all([page.waitForEvent("download"), page.click(".action-export")]);
  assert.match(fromList.suggestedFilename(), /^tu-soi-ban-kiem-diem-nam-\d{4}-\d{4}-\d\d-\d\d\.json$/);
  const listed = await save(fromList);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  for (const f of ["uint16", "uint32", "uint64", "double"]) ajv.addFormat(f, true);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
  assert.ok(validate(listed), JSON.stringify(validate.errors));
  assert.deepEqual(listed.documents, edited.documents, "the list's export holds the editor's document, field by field");
  const [all] = await Promise.all([page.waitForEvent("download"), page.click("#export-all")]);
  assert.deepEqual((await save(all)).documents, edited.documents);

  // "Đổi tên": soan/ asks for the title, saves it and shows the list.
  await page.click(".action-rename");
  await page.waitForSelector(`[id="rename-${id}"]`);
  assert.match(page.url(), /\/soan\/#\/doi-ten\//);
  const title = await page.inputValue(`[id="rename-${id}"]`);
  assert.match(title, /^Bản kiểm điểm năm \d{4}$/);
  const next = String(Number(title.slice(-4)) + 1);
  await page.fill(`[id="rename-${id}"]`, "Kiểm điểm của Bình");
  await page.click(".rename-save");
  await page.waitForSelector("#drafts");
  assert.match(page.url(), /\/soan\/#\/$/);
  assert.equal(await page.textContent(".draft-title"), "Kiểm điểm của Bình");

  // "Tạo bản sao" from the first load: the list in soan/ with both.
  await page.goto(BASE_URL);
  await page.waitForSelector("#drafts");
  await page.click(".action-duplicate");
  await page.waitForFunction(() => document.querySelectorAll("#drafts > li").length === 2);
  assert.match(page.url(), /\/soan\/#\/$/);
  // Back returns to the first load's list, never to the step (which would copy again).
  await page.goBack();
  await page.waitForSelector("#drafts");
  await page.waitForFunction(() => document.querySelectorAll("#drafts > li").length === 2);

  // Next year's review from this one, from the first load: the new review opens in the editor.
  await page.goto(BASE_URL);
  await page.waitForSelector("#drafts");
  await page.selectOption("#create-year", next);
  await page.click("#create-from-previous");
  await page.waitForSelector('.editor textarea[id^="section-"]');
  assert.match(page.url(), /\/soan\/#\/doc\//);
  assert.notEqual(new URL(page.url()).hash.split("/").pop(), id);
  assert.equal(await page.inputValue("#doc-title"), `Bản kiểm điểm năm ${next}`);
  await page.goto(BASE_URL);
  await page.waitForFunction(() => document.querySelectorAll("#drafts > li").length === 3);
  assert.deepEqual(errors, []);
  await context.close();
});
test("without a network the editor shows the review, plain or sealed, as a loop of QR codes that a decoder reads back into the file 'Gửi' hands over", async () => {
  const a = await phone();
  await openHome(a.page);
  await createReview(a.page);
  await a.page.fill("#identity-full-name", "Lê Thị Hoa");
  await typeSections(a.page);
  await waitSaved(a.page);
  const [sent] = await Promise.all([a.page.waitForEvent("download"), a.page.click("#send")]);
  const dir = mkdtempSync(join(tmpdir(), "tusoi-qr-"));
  await sent.saveAs(join(dir, "sent.json"));
  const sentFile = JSON.parse(readFileSync(join(dir, "sent.json"), "utf8"));

  await a.page.click("#show-qr");
  await a.page.waitForSelector("#qr-code");
  assert.match(await a.page.textContent("#qr-hint"), /độ sáng màn hình/);
  assert.match(await a.page.textContent("#qr-counter"), /^Mã \d+\/\d+$/);
  await screenshot(a.page, "qr-loop", { fullPage: false });
  await audit(a.page, "the QR loop");
  const plain = await readLoop(a.page);
  const shown = JSON.parse(fileOf(plain.texts));
  assert.equal(shown.format, "tusoi-export");
  assert.deepEqual(shown.documents, sentFile.documents, "the same document 'Gửi' hands over");
  console.log(`# the review as ${plain.texts.length} QR codes of ${plain.side - 8} modules a side`);
  await a.page.click("#qr-stop");
  await a.page.waitForSelector("#qr-loop", { state: "detached" });

  // Sealed: the loop carries the sealed file, which only the passphrase opens.
  await a.page.click("#export-sealed");
  await a.page.fill("#seal-passphrase", "chi bo so 3 nam 2026");
  await a.page.fill("#seal-passphrase-again", "chi bo so 3 nam 2026");
  await a.page.click("#seal-make");
  await a.page.waitForSelector("#seal-ready");
  await a.page.click("#seal-qr");
  await a.page.waitForSelector("#qr-code");
  const sealed = await readLoop(a.page);
  const text = fileOf(sealed.texts);
  assert.equal(JSON.parse(text).format, "tusoi-sealed");
  assert.ok(!text.includes("Lê Thị Hoa"));
  const inside = JSON.parse(await openSealed(text, "chi bo so 3 nam 2026"));
  assert.equal(inside.documents[0].identity.full_name, "Lê Thị Hoa");
  console.log(`# sealed, ${sealed.texts.length} QR codes`);
  await a.context.close();

  // A browser without the Wake Lock says to touch the screen.
  const b = await phone();
  await b.context.addInitScript(() => Object.defineProperty(Navigator.prototype, "wakeLock", { get: () => undefined }));
  await openHome(b.page);
  await createReview(b.page);
  await b.page.fill("#identity-full-name", "Lê Thị Hoa");
  await waitSaved(b.page);
  await b.page.click("#show-qr");
  await b.page.waitForSelector("#qr-awake");
  assert.match(await b.page.textContent("#qr-awake"), /chạm nhẹ vào màn hình/);
  await b.context.close();
});

test("Xuất có mật khẩu: only the passphrase opens the file; import asks for it, and a wrong one or a changed byte stores nothing", async () => {
  const a = await phone();
  await openHome(a.page);
  await createReview(a.page);
  await a.page.fill("#identity-full-name", "Trần Văn Bình");
  await typeSections(a.page);
  await waitSaved(a.page);
  await a.page.click("#export-sealed");
  await a.page.waitForSelector("#seal-card");
  // The passphrase typed twice, alike, and long enough; each refusal says why and makes no file.
  await a.page.fill("#seal-passphrase", "ngắn");
  await a.page.fill("#seal-passphrase-again", "ngắn");
  await a.page.click("#seal-make");
  assert.match(await a.page.textContent("#seal-error"), /ít nhất 8 ký tự/);
  await a.page.fill("#seal-passphrase", "chi bo so 3 nam 2026");
  await a.page.fill("#seal-passphrase-again", "chi bo so 3 nam 2025");
  await a.page.click("#seal-make");
  assert.match(await a.page.textContent("#seal-error"), /không giống nhau/);
  await a.page.fill("#seal-passphrase-again", "chi bo so 3 nam 2026");
  await a.page.click("#seal-make");
  await a.page.waitForSelector("#seal-ready");
  assert.equal(await a.page.$("#seal-passphrase"), null, "the passphrase's inputs are gone once sealed");
  await screenshot(a.page, "seal-ready", { fullPage: false });
  await audit(a.page, "the sealed export's card");
  const [download] = await Promise.all([a.page.waitForEvent("download"), a.page.click("#seal-download")]);
  assert.match(download.suggestedFilename(), /^tu-soi-ban-kiem-diem-nam-\d{4}-\d{4}-\d\d-\d\d-mat-khau\.tusoi\.txt$/);
  const dir = mkdtempSync(join(tmpdir(), "tusoi-"));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const text = readFileSync(file, "utf8");
  const sealed = JSON.parse(text);
  assert.equal(sealed.format, "tusoi-sealed");
  assert.equal(sealed.kdf.iterations, 600000);
  for (const secret of ["Trần Văn Bình", SECTIONS["A.I.1"], "chi bo so 3"]) assert.ok(!text.includes(secret), `no plaintext: ${secret}`);
  // Opened independently of the app (Node's WebCrypto): the export of the working copy.
  const inside = JSON.parse(await openSealed(text, "chi bo so 3 nam 2026"));
  assert.equal(inside.format, "tusoi-export");
  assert.equal(inside.documents[0].identity.full_name, "Trần Văn Bình");
  assert.ok(JSON.stringify(inside).includes(SECTIONS["A.I.1"]));
  await assert.rejects(openSealed(text, "chi bo so 3 nam 2025"));
  // The settings say which file is which.
  await a.page.goto(new URL("#/cai-dat", BASE_URL).href);
  assert.match(await a.page.textContent("#settings-files"), /600\.000 vòng/);
  await a.context.close();

  // A changed byte (the sealing time, in the authenticated header) and a wrong passphrase alike.
  const changed = join(dir, "doi-mot-chu.tusoi.txt");
  writeFileSync(changed, text.replace(sealed.sealed_at, sealed.sealed_at.replace(/\d(?=Z)/, (d) => String((Number(d) + 1) % 10))));
  const b = await phone();
  await openHome(b.page);
  for (const [path, passphrase] of [[file, "chi bo so 3 nam 2025"], [changed, "chi bo so 3 nam 2026"]]) {
    await openImport(b.page);
    await b.page.setInputFiles("#import-file", path);
    await b.page.waitForSelector("#import-sealed");
    await b.page.fill("#import-passphrase", passphrase);
    await b.page.click("#import-sealed-open");
    await b.page.waitForFunction(() => /mật khẩu không đúng/.test(document.querySelector("#import-sealed-status")?.textContent ?? ""));
    assert.ok(await b.page.isVisible("#empty-list"), "nothing was stored");
    await b.page.click("#import-sealed-cancel");
    assert.match(await b.page.textContent("#notice"), /^Chưa nhập gì; dữ liệu trên máy không thay đổi\.$/);
  }
  await openImport(b.page);
  await b.page.setInputFiles("#import-file", file);
  await b.page.waitForSelector("#import-sealed");
  await audit(b.page, "the sealed import's dialog");
  await b.page.fill("#import-passphrase", "chi bo so 3 nam 2026");
  await b.page.click("#import-sealed-open");
  await b.page.waitForSelector("#drafts .draft-title");
  assert.match(await b.page.textContent("#notice"), /^Đã nhập 1 bản nháp/);
  assert.equal(await b.page.$("#import-sealed"), null);
  await b.page.click(".draft-title");
  await b.page.waitForSelector('[id="section-A.I.1"]');
  assert.deepEqual(await sectionTexts(b.page), SECTIONS);
  assert.equal(await b.page.inputValue("#identity-full-name"), "Trần Văn Bình");
  await b.context.close();
});

test("the member's profile, typed once in the settings, fills every new document, and a document keeps its own copy", async () => {
  const { context, page, errors } = await phone();
  await page.goto(new URL("#/cai-dat", BASE_URL).href);
  await page.waitForSelector("#profile-save");
  const field = (label) => page.locator("#profile").getByLabel(label, { exact: true });
  await field("Họ và tên").fill("  Lê Văn Tâm ");
  await field("Ngày sinh").fill("1980-02-03");
  await field("Đảng bộ").fill("Đảng bộ xã Hoà An");
  await field("Chi bộ").fill("Chi bộ ấp 2");
  await field("Đơn vị công tác").fill("UBND xã Hoà An");
  await page.click("#profile-save");
  await page.waitForFunction(() => /^Đã lưu\./.test(document.querySelector("#notice")?.textContent ?? ""));
  await audit(page, "the settings with the profile");
  await page.reload();
  await page.waitForSelector("#profile-save");
  assert.equal(await field("Họ và tên").inputValue(), "Lê Văn Tâm", "kept, trimmed");
  assert.equal(await field("Chi bộ").inputValue(), "Chi bộ ấp 2");

  await openHome(page);
  await createReview(page);
  assert.equal(await page.inputValue("#identity-full-name"), "Lê Văn Tâm");
  assert.equal(await page.inputValue("#header-dang-bo"), "Đảng bộ xã Hoà An");
  assert.equal(await page.inputValue("#header-chi-bo"), "Chi bộ ấp 2");
  assert.equal(await page.inputValue("#identity-work-unit"), "UBND xã Hoà An");
  // Changed in the document only.
  await page.fill("#header-chi-bo", "Chi bộ ấp 5");
  await waitSaved(page);
  await page.click(".back");
  await page.waitForSelector("#create-pledge");
  await page.click("#create-pledge");
  await page.waitForSelector("#header-chi-bo");
  assert.equal(await page.inputValue("#header-chi-bo"), "Chi bộ ấp 2", "the pledge has the profile's chi bộ");
  assert.equal(await page.inputValue("#identity-full-name"), "Lê Văn Tâm");
  await page.click(".topbar-link");
  await page.waitForSelector("#profile-save");
  assert.equal(await field("Chi bộ").inputValue(), "Chi bộ ấp 2", "the profile did not change");
  assert.deepEqual(errors, []);
  await context.close();
});

test("Gửi downloads the export as .tusoi.txt where the browser cannot share files, says so, and the file imports", async () => {
  const a = await phone();
  await openHome(a.page);
  await createReview(a.page);
  await a.page.fill("#identity-full-name", "Lê Thị Gửi");
  await a.page.fill('[id="section-A.I.1"]', "Gửi qua Zalo cho bí thư chi bộ.");
  await waitSaved(a.page);
  // Chromium on Linux has no Web Share: the file is downloaded instead, under a name a phone's
  // share sheet would also take.
  assert.equal(await a.page.evaluate(() => typeof navigator.canShare), "undefined");
  const [download] = await Promise.all([a.page.waitForEvent("download"), a.page.click("#send")]);
  assert.match(download.suggestedFilename(), /^tu-soi-ban-kiem-diem-nam-\d{4}-\d{4}-\d\d-\d\d\.tusoi\.txt$/);
  assert.match(await a.page.textContent("#notice"), /^Trình duyệt này không mở được khung chia sẻ tệp, nên đã yêu cầu tải tệp “tu-soi-.*\.tusoi\.txt” xuống máy/);
  const file = join(mkdtempSync(join(tmpdir(), "tusoi-")), download.suggestedFilename());
  await download.saveAs(file);
  await a.context.close();

  const b = await importedIntoFreshProfile(file);
  assert.equal(await b.page.inputValue('[id="section-A.I.1"]'), "Gửi qua Zalo cho bí thư chi bộ.");
  await b.context.close();
});

test("broken files each get their Vietnamese message and change nothing", async () => {
  const { context, page } = await phone();
  await openHome(page);
  await createReview(page);
  await page.fill('[id="section-A.I.1"]', "Bản đang có trên máy.");
  await waitSaved(page);
  await page.click(".back");
  await page.waitForSelector("#drafts");
  const before = await page.textContent("#drafts");

  const dir = mkdtempSync(join(tmpdir(), "tusoi-bad-"));
  const good = JSON.stringify({
    format: "tusoi-export", schema_version: 1, app_version: "0.1.0", exported_at: "2025-12-01T00:00:00.000Z",
    documents: [{ id: "x", template_id: "HD43-2025/2B", title: "T", year: 2025, header: {}, identity: {},
      created_at: "2025-12-01T00:00:00.000Z", updated_at: "2025-12-01T00:00:00.000Z" }],
  }, null, 2);
  const cases = [
    ["truncated.json", good.slice(0, good.length / 2), /^Tệp không phải JSON hợp lệ \(lỗi ở dòng \d+, cột \d+\)/],
    ["not-json.json", "Đây là một bức thư, không phải JSON.", /^Tệp không phải JSON hợp lệ/],
    ["wrong-format.json", JSON.stringify({ format: "excalidraw", schema_version: 1, documents: [] }), /^Đây không phải tệp xuất của Tự soi/],
    ["future.json", good.replace('"schema_version": 1', '"schema_version": 9'), /^Tệp được tạo bởi phiên bản Tự soi mới hơn \(định dạng 9/],
    ["huge.json", " ".repeat(80 * 1024 * 1024), /^Tệp quá lớn \(80,0 MB; tối đa 64 MB\)/],
  ];
  for (const [name, content, message] of cases) {
    const path = join(dir, name);
    writeFileSync(path, content);
    await openImport(page);
    await page.setInputFiles("#import-file", path);
    await page.waitForFunction(
      (re) => new RegExp(re).test(document.querySelector('#notice[role="alert"]')?.textContent ?? ""),
      message.source,
    );
    assert.match(await page.textContent("#notice"), /Chưa nhập gì; dữ liệu trên máy không thay đổi\.$/, name);
    assert.equal(await page.textContent("#drafts"), before, name);
  }
  await screenshot(page, "import-error");
  await page.reload();
  await page.waitForSelector("#drafts");
  assert.equal(await page.textContent("#drafts"), before, "after a reload too");
  await context.close();
});

test("the form follows who the member is and the year, and an old document keeps its own form", async () => {
  const { context, page, errors } = await phone();
  await openHome(page);
  await page.selectOption("#create-audience", "leader");
  await page.selectOption("#create-year", "2025");
  assert.equal(await page.inputValue("#create-form"), "HD43-2025/2A");
  assert.match(await page.textContent("#create-unverified"), /^Chưa đối chiếu đủ với bản gốc của mẫu/);
  await screenshot(page, "create-leader");
  await createReview(page);
  assert.match(await page.textContent(".form-code"), /Mẫu 02A-HD KĐ.ĐG 2025/);
  for (const id of ["identity-party-position", "identity-government-position", "identity-union-position"]) {
    assert.ok(await page.isVisible(`#${id}`), id);
  }
  assert.ok(await page.isVisible("#template-unverified"));

  // The rules of Điều 11 beyond the points, asked as yes/no questions.
  await page.fill("#score-general", "28");
  await page.fill("#score-tasks", "65");
  for (const q of ["exceeded30_percent", "shortcomings_remedied", "all_tasks_on_time", "all_tasks_done"]) {
    await page.check(`#q-${q}-yes`);
  }
  for (const q of ["degradation", "disciplined", "units_failed", "low_confidence", "corruption_in_unit"]) {
    await page.check(`#q-${q}-no`);
  }
  assert.match(await page.textContent("#rules-suggestion"), /“Hoàn thành xuất sắc nhiệm vụ”/);
  await page.check("#q-exceeded30_percent-no");
  assert.match(await page.textContent("#rules-suggestion"), /“Hoàn thành tốt nhiệm vụ”/);
  await page.check("#q-units_failed-yes");
  assert.match(await page.textContent("#rules-suggestion"), /“Không hoàn thành nhiệm vụ”/);
  assert.match(await page.textContent("#quota-note"), /20%/);
  await waitSaved(page);
  await screenshot(page, "editor-leader-conditions");

  // 2023: the letters were the other way round, and members proposed two ratings.
  await page.goto(BASE_URL);
  await page.waitForSelector("#create");
  await page.selectOption("#create-year", "2023");
  assert.equal(await page.inputValue("#create-form"), "HD25-2023/02A");
  await createReview(page);
  assert.ok(await page.isVisible('[id="section-I.1"]'));
  await page.check("#rating-civil-hoan_thanh_tot");
  await page.check("#rating-hoan_thanh_xuat_sac");
  await page.waitForFunction(() => document.querySelector("#problems").textContent.includes("cao hơn mức xếp loại cán bộ, công chức"));
  await waitSaved(page);
  await screenshot(page, "editor-2023");
  await audit(page, "editor (2023 form)");
  await page.reload();
  await page.waitForSelector('[id="section-I.1"]');
  assert.match(await page.textContent(".form-code"), /Mẫu 02A-HD KĐ.ĐG 2023/);
  assert.ok(await page.isChecked("#rating-civil-hoan_thanh_tot"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a local rubric splits the 30 and 70 points; a bad rubric file is refused and changes nothing", async () => {
  const { context, page, errors } = await phone();
  await openHome(page);
  await createReview(page);
  await page.click(".rubric-tools summary");
  // A rubric whose criteria do not add up to the group's maximum.
  const bad = JSON.parse(readFileSync("docs/rubric-example.json", "utf8"));
  bad.groups[0].criteria[0].max = 12;
  const dir = mkdtempSync(join(tmpdir(), "tusoi-rubric-"));
  writeFileSync(join(dir, "bad.json"), JSON.stringify(bad));
  await page.setInputFiles("#rubric-file", join(dir, "bad.json"));
  await page.waitForSelector('#notice[role="alert"]');
  assert.match(await page.textContent("#notice"), /cộng lại được 32 điểm, nhưng nhóm này tối đa 30 điểm\. Thang điểm đang dùng không thay đổi\.$/);
  assert.equal(await page.locator("#rubric-using").count(), 0);

  await page.setInputFiles("#rubric-file", "docs/rubric-example.json");
  await page.waitForSelector("#rubric-using");
  const points = { "chung-1": "9,5", "chung-2": "9", "chung-3": "8", "nv-1": "28", "nv-2": "18", "nv-3": "17,5" };
  for (const [id, value] of Object.entries(points)) await page.fill(`#criterion-${id}`, value);
  assert.match(await page.textContent("#score-general .subtotal"), /26,5\/30/);
  assert.match(await page.textContent("#score-total"), /90\/100/);
  await waitSaved(page);
  await screenshot(page, "editor-rubric");
  await audit(page, "editor (rubric)");
  await page.reload();
  await page.waitForSelector("#rubric-using");
  assert.equal(await page.inputValue("#criterion-nv-3"), "17,5");
  assert.match(await page.textContent("#score-total"), /90\/100/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("changes not exported for 14 days earn a reminder with one tap to export all", async () => {
  const { context, page, errors } = await phone();
  // Playwright's clock stands in for two weeks of real time.
  await context.clock.install({ time: new Date("2026-01-05T08:00:00Z") });
  await openHome(page);
  await createReview(page);
  await page.fill('[id="section-A.I.1"]', "Viết hôm 5/1.");
  await waitSaved(page);
  await page.goto(BASE_URL);
  await page.waitForSelector("#drafts");
  assert.equal(await page.locator("#export-reminder").count(), 0, "not yet: one day old");

  await page.clock.setSystemTime(new Date("2026-01-20T08:00:00Z"));
  await page.reload();
  await page.waitForSelector("#export-reminder");
  assert.match(await page.textContent("#export-reminder"), /^1 bản nháp có thay đổi chưa xuất ra tệp đã hơn 14 ngày/);
  await screenshot(page, "export-reminder");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#reminder-export-all")]);
  assert.match(download.suggestedFilename(), /^tu-soi-tat-ca-2026-01-20\.json$/);
  await page.waitForFunction(() => !document.querySelector("#export-reminder"));
  await page.reload();
  await page.waitForSelector("#drafts");
  assert.equal(await page.locator("#export-reminder").count(), 0, "exported: no reminder");
  assert.deepEqual(errors, []);
  await context.close();
});

test("text with HTML in it is shown as text, never run; deleting goes to the trash and can be undone", async () => {
  const { context, page, errors } = await phone();
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await openHome(page);
  await openImport(page);
  await page.setInputFiles("#import-file", "crates/core/tests/corpus/html-everywhere.json");
  await page.waitForSelector("#drafts");
  const html = '<script>alert("x")</script><img src=x onerror=alert(1)><b>đậm</b>';
  assert.equal(await page.textContent("#drafts .draft-title"), html);
  await page.click("#drafts .draft-title");
  await page.waitForSelector('[id="section-A.VI"]');
  assert.equal(await page.inputValue('[id="section-A.VI"]'), html);
  assert.equal(await page.inputValue("#identity-full-name"), html);
  assert.equal(await page.locator("main img, main b, main script").count(), 0, "no markup from the file became elements");

  await page.click(".back");
  await page.click("#drafts .action-delete");
  await page.click("#drafts .confirm-delete");
  await page.waitForSelector("#empty-list");
  assert.match(await page.textContent("#notice"), /vào thùng rác/);
  await page.click(".trash-link");
  await page.waitForSelector("#trash-list");
  await screenshot(page, "trash");
  await audit(page, "trash");
  assert.match(await page.textContent("#trash-list"), /còn 30 ngày/);
  await page.click("#trash-list .action-restore");
  await page.waitForSelector("#trash-empty");
  await page.goto(BASE_URL);
  await page.waitForSelector("#drafts");
  assert.deepEqual(dialogs, [], "no script from the file ever ran");
  assert.deepEqual(errors, []);
  await context.close();
});

test("over plain HTTP (not a secure context) there is no service worker and the app still works", async () => {
  // A host name other than localhost makes plain HTTP an insecure context, as on an intranet.
  const insecure = await launch([`--host-resolver-rules=MAP tusoi.intranet 127.0.0.1`]);
  try {
    const context = await insecure.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const url = BASE_URL.replace("127.0.0.1", "tusoi.intranet");
    await openHome(page, url);
    assert.equal(await page.evaluate(() => window.isSecureContext), false);
    await createReview(page);
    await page.fill('[id="section-A.I.1"]', "Qua HTTP thường.");
    await waitSaved(page);
    await page.goto(url + "#/cai-dat");
    await page.waitForSelector("#offline-status");
    assert.match(await page.textContent("#offline-status"), /không phải HTTPS/);
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
    await screenshot(page, "settings-http");
    assert.deepEqual(errors, []);
  } finally {
    await insecure.close();
  }
});

test("a new version installs in the background and waits for the member; a broken one changes nothing", async () => {
  const sw = join(SITE, "sw.js");
  const original = readFileSync(sw, "utf8");
  const version = original.match(/"version": "([0-9a-f]+)"/)[1];
  const { context, page, errors } = await phone();
  // Asks the browser to check for a new worker and reports what became of it. The browser also
  // checks by itself a moment after each navigation (Chromium defers that check by a second or
  // more), so it may have found the new worker before this listener was added: then update()
  // finds nothing newer, fires no "updatefound", and the worker is already installing or
  // waiting. Waiting only for the event hung the gate for ten minutes on a loaded machine.
  const checkForUpdate = () =>
    page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const found = new Promise((resolve) => reg.addEventListener("updatefound", () => resolve(reg.installing), { once: true }));
      await reg.update();
      const worker = reg.installing ?? reg.waiting ?? (await found);
      return new Promise((resolve, reject) => {
        const done = () => ["installed", "redundant"].includes(worker.state) && resolve(worker.state);
        worker.addEventListener("statechange", done);
        done();
        setTimeout(() => reject(new Error(`the new worker is still "${worker.state}" after 60 s`)), 60_000);
      });
    });
  try {
    await openHome(page);
    await waitOfflineReady(page);
    await createReview(page);
    await page.fill('[id="section-A.I.1"]', "Đã lưu trước khi có bản mới.");
    await waitSaved(page);

    // A broken release (one of its files is missing) never installs, and the old one still starts offline.
    writeServed(sw, original.replace(`"version": "${version}"`, `"version": "${version}-broken"`)
      .replace('"files": [', '"files": [\n    "missing-file.js",'));
    assert.equal(await checkForUpdate(), "redundant");
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[id="section-A.I.1"]');
    assert.equal(await page.inputValue('[id="section-A.I.1"]'), "Đã lưu trước khi có bản mới.");
    await context.setOffline(false);

    // A good release installs in the background; the page does not reload under the member's fingers.
    writeServed(sw, original.replace(`"version": "${version}"`, `"version": "${version}-next"`));
    await page.fill('[id="section-A.VI"]', "Đang gõ khi bản mới đến.");
    assert.equal(await checkForUpdate(), "installed");
    await page.waitForSelector("#update-banner");
    assert.match(await page.textContent("#update-banner"), /Có phiên bản mới/);
    await screenshot(page, "update-ready");
    assert.equal(await page.inputValue('[id="section-A.VI"]'), "Đang gõ khi bản mới đến.");
    assert.deepEqual(
      (await page.evaluate(() => caches.keys())).sort(),
      [`tusoi-${version}`, `tusoi-${version}-next`],
      "the old cache stays while the new one waits; the broken one left nothing",
    );

    // Only the member's tap activates it; the reload saves first and the text survives.
    await Promise.all([page.waitForEvent("framenavigated"), page.click("#update-reload")]);
    await page.waitForSelector('[id="section-A.VI"]');
    assert.equal(await page.inputValue('[id="section-A.VI"]'), "Đang gõ khi bản mới đến.");
    await page.waitForFunction((v) => caches.keys().then((k) => k.length === 1 && k[0] === `tusoi-${v}-next`), version);
    assert.deepEqual(errors.filter((e) => !e.includes("missing-file.js")), []);
  } finally {
    writeServed(sw, original);
    await context.close();
  }
});

test("no request ever left the page's own origin", () => {
  assert.ok(allRequests.length > 10, `recorded ${allRequests.length} requests`);
  const foreign = allRequests.filter((u) => new URL(u).origin !== ORIGIN);
  assert.deepEqual(foreign, []);
});
