// The year's documents and how they link: the self-check that writes A.I.1, next year's pledge made
// from a review's remedies, the linter beside the fields, the pledge on A4, next year's review made
// from last year's with its shortcomings to follow up and the pledge's results in A.I.3, the links
// through export and import, and a broken link once its source is deleted. Run against the release
// build served by nginx, like journeys.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { audit, launch, newPhone, openHome, waitSaved, screenshot, openImport } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function createReview(page, year) {
  await page.selectOption("#create-year", String(year));
  await page.click("#create");
  await page.waitForSelector('[id="section-A.I.1"]');
}

/** The ids of the commitments on the page, in order. */
async function commitmentIds(page) {
  return page.$$eval("li.commitment", (items) => items.map((li) => li.id.replace(/^commitment-/, "")));
}

const field = (id, name) => `[id="commitment-${id}-${name}"]`;

test("a review's self-check, next year's pledge and next year's review link up, survive export, and a deleted source shows", async () => {
  const { context, page, errors } = await newPhone(browser);
  await openHome(page);
  await createReview(page, 2025);
  await page.fill("#identity-full-name", "Lê Thị Thu");
  await page.fill('[id="section-A.II.1"]', "Hạn chế:\n- Có lúc chậm nộp báo cáo tháng.\n- Ít phát biểu trong sinh hoạt chi bộ.");
  await page.fill('[id="section-A.VI"]', "1. Nộp báo cáo tháng trước ngày 25 hằng tháng.\n2. Phát biểu ít nhất một ý kiến ở mỗi buổi sinh hoạt chi bộ.");

  // The self-check: official text where verified, a label where not; the summary goes to A.I.1.
  await page.click("#self-check > summary");
  for (const group of ["NQ04-2016-A", "QD37-2021-D"]) await page.click(`#check-group-${group} > summary`);
  assert.match(await page.textContent("#check-NQ04-2016-A1 blockquote"), /^Phai nhạt lý tưởng cách mạng/);
  assert.equal(await page.$("#check-NQ04-2016-A7 blockquote"), null, "A7 has no verified text");
  assert.match(await page.textContent("#check-NQ04-2016-A7"), /Nhãn tóm tắt, không phải nguyên văn/);
  await page.check("#check-NQ04-2016-A1-no");
  await page.check("#check-QD37-2021-19-no");
  await page.check("#check-NQ04-2016-A4-yes");
  await page.fill("#check-NQ04-2016-A4-action", "Lập sổ theo dõi hạn nộp báo cáo");
  await page.fill("#check-NQ04-2016-A4-by", "quý I/2026");
  assert.match(await page.textContent("#check-progress"), /Đã soi 3\/46 nội dung, có biểu hiện ở 1/);
  await page.click("#check-fill");
  const a11 = await page.inputValue('[id="section-A.I.1"]');
  assert.match(a11, /^Tự soi, tự sửa\. Đối chiếu 27 biểu hiện/);
  assert.match(a11, /có 1 biểu hiện: Sa sút ý chí phấn đấu, trung bình chủ nghĩa, làm việc qua loa \(A4\), khắc phục bằng cách: Lập sổ theo dõi hạn nộp báo cáo, thời hạn: quý I\/2026\./);
  assert.match(a11, /Còn 25 nội dung chưa tự soi\. Đối chiếu 19 điều đảng viên không được làm \(Quy định 37-QĐ\/TW ngày 25\/10\/2021\): không có biểu hiện\. Còn 18 nội dung chưa tự soi\.$/);
  await waitSaved(page);
  await screenshot(page, "self-check");
  await audit(page, "review with the self-check open");
  const reviewUrl = page.url();

  // Next year's pledge from this review's remedies.
  await page.click("#pledge-next");
  await page.waitForSelector("li.commitment");
  assert.match(await page.textContent("#notice"), /Đã tạo “Bản cam kết năm 2026” với 2 cam kết khắc phục/);
  const [first, second] = await commitmentIds(page);
  assert.equal(await page.inputValue(field(first, "content")), "Nộp báo cáo tháng trước ngày 25 hằng tháng");
  assert.match(await page.textContent(`#commitment-${first}`), /Từ phần khắc phục của “Bản kiểm điểm năm 2025”/);
  assert.match(await page.textContent(`[id="findings-commitment-${first}-target"]`), /Cam kết chưa có chỉ tiêu đo được/);
  assert.match(await page.textContent(`[id="findings-commitment-${first}-deadline"]`), /Cam kết chưa có thời hạn/);

  await page.selectOption(field(first, "target"), "number");
  await page.fill(field(first, "value"), "12");
  await page.fill(field(first, "unit"), "báo cáo đúng hạn");
  await page.selectOption(field(first, "deadline"), "Q4");
  await page.waitForFunction((id) => !document.querySelector(`[id="findings-commitment-${id}-target"]`), first);
  assert.equal(await page.$(`[id="findings-commitment-${first}-deadline"]`), null);
  await page.check(`[id="commitment-${first}-assessment-met"]`);
  await page.fill(field(first, "comment"), "nộp đủ 12/12 tháng");
  await page.selectOption(field(second, "deadline"), "date");
  assert.equal(await page.inputValue(field(second, "date")), "2026-12-31");

  // A vague commitment: the reasons show beside the field and in the list.
  await page.click('[id="add-nhiem-vu"]');
  const added = (await commitmentIds(page)).find((id) => id !== first && id !== second);
  await page.fill(field(added, "content"), "Luôn luôn gương mẫu.");
  const findings = await page.textContent(`[id="findings-commitment-${added}-content"]`);
  assert.match(findings, /Quá ngắn để cụ thể/);
  assert.match(findings, /Cụm từ chung chung “luôn luôn gương mẫu”, không có đối tượng hay mức đo\./);
  assert.match(await page.textContent("#findings-list"), /luôn luôn gương mẫu/);
  // A screen reader hears the findings with the field.
  assert.equal(await page.getAttribute(field(added, "content"), "aria-describedby"), `findings-commitment-${added}-content`);
  await page.fill(field(added, "content"), "Số hoá 1.200 hồ sơ lưu trữ của phòng từ năm 2020 đến năm 2024.");
  await page.waitForFunction((id) => !document.querySelector(`[id="findings-commitment-${id}-content"]`), added);

  await page.check("#pledge-study");
  await page.fill("#pledge-theme", "Học tập và làm theo Bác về tinh thần trách nhiệm với công việc");
  await waitSaved(page);
  await screenshot(page, "pledge");
  await audit(page, "pledge with findings");

  // The pledge on A4.
  await page.click(".print-link");
  await page.waitForSelector(".a4");
  const a4 = await page.textContent(".a4");
  assert.match(a4, /BẢN CAM KẾT TU DƯỠNG, RÈN LUYỆN, PHẤN ĐẤU\s*VÀ ĐĂNG KÝ HỌC TẬP, LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH/);
  assert.match(a4, /Chuyên đề năm 2026: Học tập và làm theo Bác về tinh thần trách nhiệm với công việc/);
  assert.match(a4, /Chỉ tiêu: 12 báo cáo đúng hạn; Thời hạn: quý IV\/2026; Tự đánh giá: đạt \(nộp đủ 12\/12 tháng\)/);
  assert.match(a4, /NGƯỜI CAM KẾT/);
  await screenshot(page, "pledge-a4");

  // The home page offers to start 2026's review from 2025's; the review's own card does the same.
  await openHome(page);
  await page.selectOption("#create-year", "2026");
  assert.equal(await page.textContent("#create-from-previous"), "Tạo bản kiểm điểm năm 2026 từ “Bản kiểm điểm năm 2025”");
  await page.selectOption("#create-year", "2025");
  assert.equal(await page.$("#create-from-previous"), null, "no review of 2024 on the device");

  // Next year's review from last year's: shortcomings to follow up, the pledge's results in A.I.3.
  await page.goto(reviewUrl);
  await page.waitForSelector("#review-next");
  await page.click("#review-next");
  await page.waitForSelector("#carried");
  assert.match(await page.textContent("#notice"), /Đã tạo “Bản kiểm điểm năm 2026” với 4 hạn chế, biện pháp/);
  const carried = await page.$$eval("#carried li.carried-item > p", (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(carried, [
    "Có lúc chậm nộp báo cáo tháng · Hạn chế nêu ở mục II.1",
    "Ít phát biểu trong sinh hoạt chi bộ · Hạn chế nêu ở mục II.1",
    "Nộp báo cáo tháng trước ngày 25 hằng tháng · Biện pháp nêu ở mục VI",
    "Phát biểu ít nhất một ý kiến ở mỗi buổi sinh hoạt chi bộ · Biện pháp nêu ở mục VI",
  ]);
  assert.equal(await page.inputValue("#identity-full-name"), "Lê Thị Thu");
  const a13 = await page.inputValue('[id="section-A.I.3"]');
  assert.match(a13, /^Thực hiện “Bản cam kết năm 2026”:\n1\. Nộp báo cáo tháng trước ngày 25 hằng tháng \(chỉ tiêu: 12 báo cáo đúng hạn; hạn: quý IV\/2026\): đạt \(nộp đủ 12\/12 tháng\)\./);
  assert.match(a13, /\n3\. Số hoá 1\.200 hồ sơ lưu trữ/);
  assert.match(await page.textContent("#problems"), /Mục III: chưa ghi trạng thái khắc phục của “Có lúc chậm nộp báo cáo tháng”/);
  await page.locator("#carried li.carried-item").first().locator('input[value="fixed"]').check();
  await page.waitForFunction(() => !document.querySelector("#problems").textContent.includes("“Có lúc chậm nộp báo cáo tháng”"));
  const links = await page.$$eval("#links li", (items) => items.map((li) => [li.dataset.state, li.textContent]));
  assert.deepEqual(links.map(([state]) => state), ["Live", "Live"]);
  assert.match(links[0][1], /^Bản kiểm điểm năm trước: Bản kiểm điểm năm 2025/);
  assert.match(links[1][1], /^Bản cam kết của năm: Bản cam kết năm 2026/);
  await waitSaved(page);
  await screenshot(page, "review-from-last-year");
  await audit(page, "review made from last year's");

  // Export everything, import on another device: links and statuses are kept.
  await page.click(".back");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-all")]);
  const file = join(mkdtempSync(join(tmpdir(), "tusoi-yearly-")), download.suggestedFilename());
  await download.saveAs(file);
  assert.deepEqual(errors, []);
  await context.close();

  const other = await newPhone(browser);
  await openHome(other.page);
  await openImport(other.page);
  await other.page.setInputFiles("#import-file", file);
  await other.page.waitForFunction(() => document.querySelectorAll("#drafts > li").length === 3);
  const titles = await other.page.$$eval("#drafts .draft-title", (as) => as.map((a) => a.textContent));
  const open = async (title) => {
    await other.page.click(`#drafts .draft-title >> text="${title}"`);
    await other.page.waitForSelector("#relations");
  };
  assert.equal(titles.filter((t) => t === "Bản kiểm điểm năm 2026").length, 1, titles.join(", "));
  await open("Bản kiểm điểm năm 2026");
  assert.deepEqual(await other.page.$$eval("#links li", (items) => items.map((li) => li.dataset.state)), ["Live", "Live"]);
  assert.ok(await other.page.locator("#carried li.carried-item").first().locator('input[value="fixed"]').isChecked());

  // Delete last year's review for good: the link says so, the carried items stay.
  await other.page.click(".back");
  await other.page.locator("#drafts > li", { hasText: "Bản kiểm điểm năm 2025" }).locator(".action-delete").click();
  await other.page.locator("#drafts > li", { hasText: "Bản kiểm điểm năm 2025" }).locator(".confirm-delete").click();
  await open("Bản kiểm điểm năm 2026");
  assert.equal(await other.page.getAttribute("#links li:first-child", "data-state"), "InTrash");
  await other.page.click(".back");
  await other.page.click(".trash-link");
  await other.page.click("#trash-list .action-delete-forever");
  await other.page.click("#trash-list .confirm-delete-forever");
  await other.page.waitForSelector("#trash-empty");
  await openHome(other.page);
  await other.page.waitForSelector("#drafts");
  await open("Bản kiểm điểm năm 2026");
  const broken = await other.page.textContent("#links li:first-child");
  assert.equal(await other.page.getAttribute("#links li:first-child", "data-state"), "Missing");
  assert.match(broken, /Bản kiểm điểm năm 2025 — đã bị xoá khỏi thiết bị; các mục chép sang vẫn giữ nguyên/);
  assert.equal(await other.page.locator("#carried li.carried-item").count(), 4);
  await screenshot(other.page, "broken-link");
  assert.deepEqual(other.errors, []);
  await other.context.close();
});

test("the linter flags a commitment copied from a colleague's file, and a broken file to compare is refused", async () => {
  const { context, page, errors } = await newPhone(browser);
  await openHome(page);
  await page.selectOption("#create-year", "2026");
  await page.click("#create-pledge");
  await page.waitForSelector('[id="add-nhiem-vu"]');
  assert.match(await page.textContent("h1"), /BẢN CAM KẾT TU DƯỠNG, RÈN LUYỆN, PHẤN ĐẤU/);
  await page.click('[id="add-nhiem-vu"]');
  const [id] = await commitmentIds(page);
  const copied = "Hướng dẫn 3 đảng viên mới viết bản cam kết có chỉ tiêu đo được trước quý II.";
  await page.fill(field(id, "content"), copied);
  await waitSaved(page);
  assert.equal(await page.$(`[id="findings-commitment-${id}-content"]`), null);

  const dir = mkdtempSync(join(tmpdir(), "tusoi-compare-"));
  const colleague = {
    format: "tusoi-export", schema_version: 2, app_version: "0.1.0", exported_at: "2026-01-10T00:00:00.000Z",
    documents: [{
      id: "colleague-1", template_id: "TUSOI/cam-ket", title: "Bản cam kết năm 2026", year: 2026, header: {}, identity: {},
      commitments: [{ id: "k1", section: "nhiem-vu", content: copied.toUpperCase() }],
      created_at: "2026-01-10T00:00:00.000Z", updated_at: "2026-01-10T00:00:00.000Z",
    }],
  };
  writeFileSync(join(dir, "dong-chi-b.json"), JSON.stringify(colleague));
  writeFileSync(join(dir, "hong.json"), "{ not json");
  await page.setInputFiles("#compare-file", join(dir, "hong.json"));
  await page.waitForSelector("#notice");
  assert.match(await page.textContent("#notice"), /^Tệp không phải JSON hợp lệ/);
  await page.setInputFiles("#compare-file", join(dir, "dong-chi-b.json"));
  await page.waitForSelector("#compare-status");
  assert.match(await page.textContent("#compare-status"), /Đang so sánh với “dong-chi-b\.json” \(1 văn bản\)/);
  assert.match(await page.textContent(`[id="findings-commitment-${id}-content"]`), /Trùng 100% với tệp so sánh “dong-chi-b\.json”/);
  await page.click("#compare-clear");
  await page.waitForFunction((c) => !document.querySelector(`[id="findings-commitment-${c}-content"]`), id);

  // The colleague's file was only read: nothing of it was stored.
  await page.click(".back");
  await page.waitForSelector("#drafts");
  assert.equal(await page.locator("#drafts > li").count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
