// `cargo xtask bench`: "Quét mã QR" at a meeting (issue #32, item 3). The member's loops are
// rendered by the member's app in one Chromium ("Xuất có mật khẩu" → "Hiện mã QR", and "Hiện mã
// QR" of plain files), recorded into Y4M videos (e2e/qr.mjs), and played by a second Chromium as
// its camera; the workspace's scanner reads them. Reports, from the scanner's own marks
// (`tusoi-qr-first`: the first frame of a file seen; `tusoi-qr-done`: the file whole):
// - a member's sealed 2B review, every section written as members write them, and the pledge with
//   four commitments, each a loop of its own: the seconds from the first frame seen to the file
//   received, for each and both (target ≤ 10 s);
// - thirty members in a row, one phone after another, without reopening the scanner.
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shownLoop, writeLoopVideo } from "../e2e/qr.mjs";

const PASSPHRASE = "chi bo so 4 nam 2026";
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: "vi-VN", acceptDownloads: true };
// What members write in a 2B review's sections: specific, with figures (the seeds' "cụ thể").
const SENTENCES = [
  "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; tham gia đủ 12/12 buổi sinh hoạt chi bộ, đóng đảng phí đầy đủ, đúng hạn.",
  "Trong năm trực tiếp tiếp nhận và giải quyết 1.248 hồ sơ thủ tục hành chính, 100% đúng hạn, trong đó 312 hồ sơ giải quyết trực tuyến toàn trình.",
  "Hướng dẫn 3 đảng viên mới viết bản cam kết có chỉ tiêu đo được; phụ trách tổ dân phố số 5 với 214 hộ, vận động 96% hộ tham gia bảo hiểm y tế.",
  "Còn hạn chế: có 2 báo cáo tháng nộp chậm 3 ngày do chưa sắp xếp công việc hợp lý; đã khắc phục bằng lịch theo dõi hạn nộp từ tháng 8/2026.",
  "Giữ gìn đạo đức, lối sống; không có biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống, “tự diễn biến”, “tự chuyển hoá”.",
];

function paragraph(k) {
  return [0, 1, 2].map((i) => SENTENCES[(k + i) % SENTENCES.length]).join(" ");
}

async function waitSaved(page) {
  await page.waitForFunction(() => /^Đã lưu lúc \d\d:\d\d:\d\d$/.test(document.querySelector("#save-status")?.textContent ?? ""));
}

/** The member's sealed review (every section written) and pledge (four commitments), as loops. */
async function reviewAndPledge(browser, base) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForSelector("#create");
  await page.click("#create");
  await page.waitForSelector('.editor textarea[id^="section-"]');
  await page.fill("#identity-full-name", "Nguyễn Thị Minh Hạnh");
  const sections = await page.$$eval('.editor textarea[id^="section-"]', (areas) => areas.map((a) => a.id));
  for (const [k, id] of sections.entries()) await page.fill(`[id="${id}"]`, paragraph(k));
  await waitSaved(page);
  const review = await shownLoop(page, PASSPHRASE);
  await page.goto(base);
  await page.waitForSelector("#create-pledge");
  await page.click("#create-pledge");
  await page.waitForSelector('[id="add-nhiem-vu"]');
  await page.fill("#identity-full-name", "Nguyễn Thị Minh Hạnh");
  for (let k = 0; k < 4; k++) await page.click('[id="add-nhiem-vu"]');
  const fields = await page.$$eval('.editor textarea, .editor input[type="text"]', (all) => all.filter((f) => f.id && f.id.startsWith("commitment-")).map((f) => f.id));
  for (const [k, id] of fields.entries()) await page.fill(`[id="${id}"]`, id.endsWith("-value") ? String(100 + k) : id.endsWith("-unit") ? "hồ sơ" : paragraph(k).slice(0, 160));
  await waitSaved(page);
  const pledge = await shownLoop(page, PASSPHRASE);
  await context.close();
  return { review, pledge };
}

/** Thirty members' plain reviews, each shown as "Hiện mã QR". */
async function members(browser, base, count) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const loops = [];
  for (let i = 0; i < count; i++) {
    await page.goto(base);
    await page.waitForSelector("#create");
    await page.click("#create");
    await page.waitForSelector('[id="section-A.I.2"]');
    await page.fill("#identity-full-name", `Đảng viên số ${i + 1}`);
    await page.fill('[id="section-A.I.2"]', paragraph(i));
    await waitSaved(page);
    loops.push(await shownLoop(page));
  }
  await context.close();
  return loops;
}

/** Plays `video` as the camera of a second Chromium whose workspace scans until `files` are in;
 * the seconds from each file's first frame seen to the file received. */
async function scan(base, video, files, { passphrase } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
  });
  const context = await browser.newContext(PHONE);
  await context.grantPermissions(["camera"], { origin: new URL(base).origin });
  const page = await context.newPage();
  await page.goto(new URL("chibo/", base).href);
  await page.waitForSelector("#ws-create");
  await page.fill("#ws-dang-bo", "Đảng bộ phường Tân Định");
  await page.fill("#ws-chi-bo", "Chi bộ Khu phố 4");
  await page.fill("#ws-year", "2026");
  await page.click("#ws-create-button");
  await page.waitForSelector("#ws-roster");
  if (passphrase) await page.fill("#ws-passphrase", passphrase);
  await page.click("#ws-scan");
  await page.click("#scan-start");
  const started = Date.now();
  await page.waitForFunction((n) => document.querySelector("#scan-received")?.dataset.count === String(n), files, { timeout: 600_000, polling: 100 });
  const wall = (Date.now() - started) / 1000;
  const marks = await page.evaluate(() => ({
    first: performance.getEntriesByName("tusoi-qr-first").map((m) => m.startTime),
    done: performance.getEntriesByName("tusoi-qr-done").map((m) => m.startTime),
  }));
  await browser.close();
  const seconds = marks.done.map((done, k) => (done - marks.first[k]) / 1000);
  return { seconds, wall_seconds: wall };
}

export async function scanBench(browser, base, { count }) {
  const dir = mkdtempSync(join(tmpdir(), "tusoi-scan-bench-"));
  const { review, pledge } = await reviewAndPledge(browser, base);
  // Each loop twice over, as a member holds the phone up until the secretary nods.
  const video = join(dir, "review-and-pledge.y4m");
  writeLoopVideo(video, [...review.drawn, ...review.drawn, ...pledge.drawn, ...pledge.drawn]);
  const sealed = await scan(base, video, 2, { passphrase: PASSPHRASE });
  const loops = await members(browser, base, count);
  const many = join(dir, "members.y4m");
  writeLoopVideo(many, loops.flatMap((l) => [...l.drawn, ...l.drawn]));
  const row = await scan(base, many, count);
  const sorted = [...row.seconds].sort((a, b) => a - b);
  return {
    sealed_review_and_pledge: {
      frames: [review.drawn.length, pledge.drawn.length],
      seconds: sealed.seconds,
      total_seconds: sealed.seconds.reduce((a, b) => a + b, 0),
    },
    in_a_row: {
      members: count,
      frames: loops.reduce((a, l) => a + l.drawn.length, 0),
      wall_seconds: row.wall_seconds,
      median_seconds: sorted[Math.floor(sorted.length / 2)],
      slowest_seconds: sorted[sorted.length - 1],
    },
  };
}
