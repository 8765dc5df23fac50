// The year between reviews, against the release build served by nginx: a pledge followed quarter by
// quarter (the record dated, the overview, the year-end proposal taken, the progress on A4 and in
// the Word file as LibreOffice reads it, the chi bộ's quarter view of the file received), and the
// upper level's prompts (the secretary's prompts file, imported by the member into section IV,
// answered issue by issue, printed, refused when foreign, and an issue concluded as a shortcoming
// followed up in next year's section III).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARTIFACTS, BASE_URL, audit, launch, newPhone, openHome, waitSaved, screenshot, createWorkspace, assertWordValid } from "./helpers.mjs";


let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const progress = (id, q, part) => `[id="progress-${id}-q${q}-${part}"]`;
const commitment = (id, part) => `[id="commitment-${id}-${part}"]`;

test("a pledge is followed quarter by quarter, proposes its assessment, prints its progress and shows in the chi bộ's quarter view", async () => {
  const { context, page, errors } = await newPhone(browser);
  await openHome(page);
  await page.selectOption("#create-year", "2026");
  await page.click("#create-pledge");
  await page.waitForSelector('[id="add-nhiem-vu"]');
  await page.fill("#identity-full-name", "Đỗ Văn Hùng");
  await page.fill("#header-chi-bo", "Chi bộ Thôn 2");
  await page.click('[id="add-nhiem-vu"]');
  const id = await page.$eval("li.commitment", (li) => li.id.replace(/^commitment-/, ""));
  await page.fill(commitment(id, "content"), "Số hoá 1.200 hồ sơ lưu trữ của phòng từ năm 2020 đến năm 2024.");
  await page.selectOption(commitment(id, "target"), "number");
  await page.fill(commitment(id, "value"), "1.200");
  await page.fill(commitment(id, "unit"), "hồ sơ");
  await page.selectOption(commitment(id, "deadline"), "Q4");

  // Quarter I: under way, dated the day the status is given; its note and evidence.
  assert.equal(await page.$(progress(id, 1, "note")), null, "a quarter's fields show once it has a status");
  await page.click(`#progress-${id} > summary`);
  await page.selectOption(progress(id, 1, "status"), "in_progress");
  await page.waitForSelector(progress(id, 1, "note"));
  const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
  assert.equal(await page.inputValue(progress(id, 1, "date")), today);
  await page.fill(progress(id, 1, "note"), "Đã số hoá 300 hồ sơ năm 2020.");
  await page.fill(progress(id, 1, "date"), "2026-03-27");
  assert.equal(await page.$(`#proposal-${id}`), null, "still under way in quarter I: too early to propose");
  // Quarter III: done, with the evidence; the proposal follows the last quarter.
  await page.selectOption(progress(id, 3, "status"), "done");
  await page.waitForSelector(progress(id, 3, "evidence"));
  await page.fill(progress(id, 3, "evidence"), "Báo cáo quý III của phòng");
  await page.fill(progress(id, 3, "date"), "2026-09-25");
  assert.match(await page.textContent(`#proposal-${id}`), /^Theo tiến độ quý III: đã xong\. Đề xuất tự đánh giá cuối năm “đạt”/);
  assert.equal(await page.isChecked(commitment(id, "assessment-met")), false, "a proposal is only a proposal");
  const cells = await page.$$eval("#progress-card tbody td", (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(cells, ["đang làm", "–", "đã xong", "–"]);
  await page.click(`#proposal-${id} button`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.checked, commitment(id, "assessment-met"));
  assert.equal(await page.$(`#proposal-${id}`), null, "the proposal goes once taken");
  await waitSaved(page);
  await screenshot(page, "pledge-progress");
  await audit(page, "pledge with its quarters");

  // On A4 and in Word: each quarter's record under the commitment.
  await page.click(".print-link");
  await page.waitForSelector(".a4");
  const a4 = (await page.textContent(".a4")).replace(/\s+/g, " ");
  assert.match(a4, /Quý I \(27\/03\/2026\): đang làm\. Đã số hoá 300 hồ sơ năm 2020\./);
  assert.match(a4, /Quý III \(25\/09\/2026\): đã xong\. minh chứng: Báo cáo quý III của phòng\./);
  const [word] = await Promise.all([page.waitForEvent("download"), page.click("#print-word")]);
  const dir = mkdtempSync(join(tmpdir(), "tusoi-between-"));
  const docx = join(dir, "cam-ket.docx");
  await word.saveAs(docx);
  assertWordValid([docx]);
  execFileSync("soffice", [`-env:UserInstallation=file://${join(dir, "lo")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, docx], { timeout: 120000 });
  const wordText = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", join(dir, "cam-ket.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  assert.match(wordText, /Quý I \(27\/03\/2026\): đang làm\. Đã số hoá 300 hồ sơ năm 2020\./);
  assert.match(wordText, /Quý III \(25\/09\/2026\): đã xong\./);

  // The member sends the pledge; the chi bộ's quarter view reads it.
  await page.goBack();
  await page.waitForSelector("#export-one");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-one")]);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(exported.schema_version, 4);
  assert.deepEqual(exported.documents[0].commitments[0].progress.map((p) => [p.quarter, p.status, p.date]), [[1, "in_progress", "2026-03-27"], [3, "done", "2026-09-25"]]);

  await createWorkspace(page, 2026);
  await page.fill("#ws-roster", "Đỗ Văn Hùng\nLê Thị Mai");
  await page.click("#ws-roster-apply");
  await page.setInputFiles("#ws-files", file);
  await page.waitForFunction(() => document.querySelector("#ws-files-count")?.textContent.startsWith("Đã nhận 1 tệp"));
  await page.selectOption("#ws-follow-quarter", "3");
  assert.equal(
    await page.textContent("#ws-follow-sentence"),
    "Quý III/2026: 1/2 đồng chí đã gửi bản cam kết, gồm 1 cam kết: 1 đã xong (100,00%), 0 đang làm, 0 chưa làm, 0 chưa ghi tiến độ quý này.",
  );
  const hung = page.locator('#ws-follow-list li[data-member="Đỗ Văn Hùng"]');
  assert.match(await hung.textContent(), /Số hoá 1\.200 hồ sơ.* — đã xong\. Minh chứng: Báo cáo quý III của phòng/);
  assert.match(await page.textContent('#ws-follow-list li[data-member="Lê Thị Mai"]'), /Chưa gửi bản cam kết\./);
  await page.selectOption("#ws-follow-quarter", "2");
  assert.match(await page.textContent("#ws-follow-sentence"), /0 đã xong \(0,00%\), 0 đang làm, 0 chưa làm, 1 chưa ghi tiến độ quý này\.$/);
  await screenshot(page, "workspace-follow");
  await audit(page, "workspace with the quarter view");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the chi bộ's prompts file is answered issue by issue in section IV, printed, and a shortcoming is followed up next year", async () => {
  const { context, page, errors } = await newPhone(browser);
  // The secretary writes the prompts file.
  await openHome(page);
  await createWorkspace(page, 2026);
  await page.fill("#ws-prompts-body", "Ban Thường vụ Đảng ủy xã Hoà An");
  await page.fill("#ws-prompts-number", "125-CV/ĐU");
  await page.fill("#ws-prompts-date", "2026-11-20");
  await page.click("#ws-prompts-make");
  assert.match(await page.textContent("#ws-prompts"), /Cần ghi cơ quan gợi ý và ít nhất một vấn đề\./);
  await page.fill("#ws-prompts-issues", "Trách nhiệm trong việc chậm giải ngân vốn đầu tư công.\n\nViệc trả lời phản ánh của người dân quá hạn.");
  const [made] = await Promise.all([page.waitForEvent("download"), page.click("#ws-prompts-make")]);
  assert.equal(made.suggestedFilename(), "goi-y-kiem-diem-2026-125-cv-du.json");
  const dir = mkdtempSync(join(tmpdir(), "tusoi-prompts-"));
  const prompts = join(dir, made.suggestedFilename());
  await made.saveAs(prompts);
  assert.match(await page.textContent("#ws-prompts"), /với 2 vấn đề/);

  // The member imports it into a review of 2026.
  await openHome(page);
  await page.selectOption("#create-year", "2026");
  await page.click("#create");
  await page.waitForSelector("#prompts");
  await page.fill("#identity-full-name", "Trần Văn Bình");
  // A member's export is not a prompts file: refused, nothing changes.
  const other = join(dir, "ban-nhap.json");
  writeFileSync(other, JSON.stringify({ format: "tusoi-export", schema_version: 3, documents: [] }));
  await page.setInputFiles("#prompts-file", other);
  await page.waitForSelector("#notice");
  assert.match(await page.textContent("#notice"), /^Đây là tệp bản nháp của đảng viên, không phải tệp gợi ý kiểm điểm/);
  assert.ok(await page.$("#prompts-start"), "still no prompts");
  await page.setInputFiles("#prompts-file", prompts);
  await page.waitForSelector("li.prompt-issue");
  assert.match(await page.textContent("#notice"), /Đã nhập 2 vấn đề từ văn bản 125-CV\/ĐU của Ban Thường vụ Đảng ủy xã Hoà An\./);
  const ids = await page.$$eval("li.prompt-issue", (lis) => lis.map((li) => li.id.replace(/^prompt-/, "")));
  assert.equal(ids.length, 2);
  const part = (id, p) => `[id="prompt-${id}-${p}"]`;
  assert.equal(await page.inputValue(part(ids[0], "content")), "Trách nhiệm trong việc chậm giải ngân vốn đầu tư công.");
  assert.equal(await page.inputValue("#prompts-number"), "125-CV/ĐU");
  const problems = () => page.textContent("#problems");
  assert.match(await problems(), /Mục IV, vấn đề được gợi ý số 1: chưa ghi “Giải trình/);
  assert.match(await problems(), /Mục IV, vấn đề được gợi ý số 2: chưa ghi “Giải trình/);

  for (const [n, id] of ids.entries()) {
    await page.fill(part(id, "explanation"), n === 0 ? "Dự án đường thôn chậm giải ngân 6 tháng." : "Có 2 phản ánh trả lời quá 15 ngày.");
    await page.fill(part(id, "subjective"), "Chưa theo dõi sát tiến độ.");
  }
  // Typing redraws the problems when it pauses (issue 29: within a second of the last key).
  await page.waitForFunction(() => document.querySelector("#problems").textContent.includes("vấn đề được gợi ý số 1: chưa ghi “Trách nhiệm của cá nhân”"), null, { timeout: 2000 });
  assert.match(await problems(), /vấn đề được gợi ý số 1: chưa ghi “Trách nhiệm của cá nhân”/);
  for (const id of ids) await page.fill(part(id, "responsibility"), "Là người trực tiếp phụ trách.");
  await page.fill(part(ids[1], "remedy"), "Lập sổ theo dõi hạn trả lời phản ánh.");
  await page.check(part(ids[1], "shortcoming"));
  await page.waitForFunction(() => !document.querySelector("#problems").textContent.includes("Mục IV"));
  await waitSaved(page);
  await screenshot(page, "review-prompts");
  await audit(page, "review with prompts");

  await page.click(".print-link");
  await page.waitForSelector(".a4");
  const a4 = (await page.textContent(".a4")).replace(/\s+/g, " ");
  assert.match(a4, /Theo văn bản gợi ý kiểm điểm 125-CV\/ĐU ngày 20\/11\/2026 của Ban Thường vụ Đảng ủy xã Hoà An\./);
  // Paragraphs follow each other without a space in the page's text.
  assert.match(a4, /1\. Vấn đề được gợi ý kiểm điểm: Trách nhiệm trong việc chậm giải ngân vốn đầu tư công\.\s*Giải trình: Dự án đường thôn chậm giải ngân 6 tháng\.\s*Nguyên nhân:\s*- Khách quan: …+\s*- Chủ quan: Chưa theo dõi sát tiến độ\./);
  assert.match(a4, /Biện pháp khắc phục: Lập sổ theo dõi hạn trả lời phản ánh\./);
  await page.goBack();

  // Next year's review follows up the issue concluded as a shortcoming.
  await page.waitForSelector("#review-next");
  await page.click("#review-next");
  await page.waitForSelector("#carried");
  const carried = await page.$$eval("#carried li.carried-item > p", (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(carried, ["Việc trả lời phản ánh của người dân quá hạn · Vấn đề được gợi ý kiểm điểm (mục IV), đã kết luận là khuyết điểm"]);
  assert.ok(await page.$("#prompts-start"), "next year starts without prompts");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the other documents: a probationary member's self-review shows its dates, a bài thu hoạch answers its questions, both print", async () => {
  const { context, page, errors } = await newPhone(browser);
  await openHome(page);
  await page.selectOption("#create-year", "2026");
  await page.selectOption("#create-form", "TUSOI/du-bi");
  assert.match(await page.textContent("#create-unverified"), /Chưa tìm thấy bản sao của Mẫu 10-KNĐ/);
  assert.equal(await page.textContent("#create"), "Tạo văn bản theo mẫu đã chọn");
  await page.click("#create");
  await page.waitForSelector("#identity-admission-date");
  assert.match(await page.textContent("h1"), /BẢN TỰ KIỂM ĐIỂM/);
  assert.match(await page.textContent("#document-dates"), /^Ghi ngày kết nạp/);
  await page.fill("#identity-admission-date", "2024-10-10");
  await page.waitForFunction(() => document.querySelector("#document-dates")?.textContent.startsWith("Kết nạp ngày 10/10/2024"));
  assert.match(await page.textContent("#document-dates"), /đủ 12 tháng dự bị ngày 10\/10\/2025\. Chi bộ phải xét .* đến ngày 21\/11\/2025 \(tính thứ Hai đến thứ Sáu, chưa trừ ngày nghỉ lễ, Tết\)\./);
  await page.fill("#identity-full-name", "Phan Thị Lan");
  await page.fill('[id="section-IV"]', "Tôi đề nghị chi bộ xem xét, đề nghị cấp ủy có thẩm quyền công nhận tôi là đảng viên chính thức.");
  await waitSaved(page);
  await audit(page, "probationary member's self-review");
  await page.click(".print-link");
  await page.waitForSelector(".a4");
  const a4 = (await page.textContent(".a4")).replace(/\s+/g, " ");
  assert.match(a4, /Ngày kết nạp vào Đảng: 10\/10\/2024/);
  assert.match(a4, /IV\. ĐỀ NGHỊ\s*Tôi đề nghị chi bộ xem xét/);
  assert.match(a4, /XÁC NHẬN CỦA CHI BỘ/);

  // A bài thu hoạch: the committee's questions, each answered; an unanswered one is asked for.
  await openHome(page);
  await page.selectOption("#create-year", "2026");
  await page.selectOption("#create-form", "TUSOI/thu-hoach");
  await page.click("#create");
  await page.waitForSelector("#questions-add");
  await page.fill("#identity-study-subject", "Nghị quyết Đại hội XIV của Đảng");
  assert.match(await page.textContent("#problems"), /Chưa có câu hỏi nào/);
  for (const question of ["Những điểm mới của Nghị quyết?", "Liên hệ thực tiễn đơn vị và trách nhiệm của bản thân?"]) {
    await page.click("#questions-add");
    await page.waitForFunction((n) => document.querySelectorAll("li.question").length === n, question.startsWith("N") ? 1 : 2);
    await page.locator("li.question").last().locator('textarea[id$="-question"]').fill(question);
  }
  const ids = await page.$$eval("li.question", (lis) => lis.map((li) => li.id.replace(/^question-/, "")));
  assert.match(await page.textContent("#problems"), /Câu hỏi 1 chưa có câu trả lời\./);
  await page.fill(`[id="question-${ids[0]}-answer"]`, "Năm điểm mới: mô hình tăng trưởng dựa trên khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số; bộ máy tinh gọn hai cấp chính quyền địa phương.");
  await page.fill(`[id="question-${ids[1]}-answer"]`, "Trường tôi đưa 100% hồ sơ học sinh lên phần mềm trong học kỳ I; bản thân soạn 12 bài giảng điện tử trước tháng 5/2026.");
  await page.waitForFunction(() => !/Câu hỏi \d chưa có/.test(document.querySelector("#problems").textContent));
  await waitSaved(page);
  await audit(page, "bài thu hoạch");
  await page.click(".print-link");
  await page.waitForSelector(".a4");
  const essay = (await page.textContent(".a4")).replace(/\s+/g, " ");
  assert.match(essay, /BÀI THU HOẠCH/);
  assert.match(essay, /Nghị quyết, chuyên đề hoặc lớp học: Nghị quyết Đại hội XIV của Đảng/);
  assert.match(essay, /Câu 2\. Liên hệ thực tiễn đơn vị và trách nhiệm của bản thân\?\s*Trường tôi đưa 100% hồ sơ/);
  await screenshot(page, "study-a4");
  assert.deepEqual(errors, []);
  await context.close();
});
