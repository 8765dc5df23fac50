// `cargo xtask bench`: the chi bộ's workspace at the scale of a chi bộ (155 members) and of a đảng
// bộ loading many files (10,000), in Chromium against nginx. Each member's file is a review and a
// pledge of its own, with every 20th member's pledge copied from another's. Reports, side by side:
// the time from handing the files to the file picker to the summary on screen, and the share of
// that time the workspace spent on each step (reading and filing, the table, the checks, the copy
// check), from the `performance.measure` entries the workspace writes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const LEVELS = ["hoan_thanh_xuat_sac", "hoan_thanh_tot", "hoan_thanh", "khong_hoan_thanh"];
const duties = "tiếp nhận hồ sơ một cửa, số hoá tài liệu lưu trữ, hướng dẫn thủ tục cho người dân, kiểm tra hồ sơ đất đai, tổng hợp báo cáo tuần, trực tiếp dân".split(", ");

function files(n) {
  const dir = mkdtempSync(join(tmpdir(), `tusoi-ws-${n}-`));
  const paths = [];
  for (let i = 0; i < n; i++) {
    const name = `Đảng viên ${i + 1}`;
    const birth = `19${50 + (i % 50)}-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const level = LEVELS[[0, 1, 1, 1, 1, 1, 2, 3][i % 8]];
    const identity = { full_name: name, birth_date: birth, work_unit: "Phường" };
    const header = { dang_bo: "Đảng bộ phường", chi_bo: "", place: "", date: "" };
    const source = i % 20 === 0 && i > 0 ? i - 1 : i;
    const review = {
      id: `r${i}`, template_id: "HD43-2025/2B", title: `Bản kiểm điểm ${name}`, year: 2026, header, identity,
      answers: [{ section: "A.I.2", text: `Hoàn thành ${10 + (i % 7)} nhiệm vụ ${duties[i % duties.length]} trong năm, vượt ${i % 4} nhiệm vụ, được đơn vị ghi nhận.` }],
      scores: [{ group: "general", points: 20 + (i % 10) }, { group: "tasks", points: 40 + (i % 30) }],
      proposed_rating: level, created_at: "2026-11-01T00:00:00.000Z", updated_at: "2026-11-20T00:00:00.000Z", revision: 2,
    };
    const pledge = {
      id: `p${i}`, template_id: "TUSOI/cam-ket", title: `Bản cam kết ${name}`, year: 2026, header, identity,
      commitments: [0, 1, 2].map((k) => ({
        id: `c${i}-${k}`, section: "nhiem-vu",
        content: `Hoàn thành ${duties[(source + k) % duties.length]} cho ${100 + source * 3 + k} hồ sơ của đơn vị số ${source} trước quý ${1 + k}, báo cáo chi bộ hằng tháng.`,
        target: { number: { value: 100 + source, unit: "hồ sơ" } }, deadline: `Q${1 + k}`, evidence: "Sổ theo dõi",
      })),
      created_at: "2026-01-10T00:00:00.000Z", updated_at: "2026-11-20T00:00:00.000Z", revision: 2,
    };
    const path = join(dir, `${i}.json`);
    writeFileSync(path, JSON.stringify({ format: "tusoi-export", schema_version: 2, app_version: "x", exported_at: "2026-11-25T00:00:00.000Z", documents: [review, pledge] }));
    paths.push(path);
  }
  return paths;
}

/** The files in one ZIP archive, as Python's zipfile writes it (deflate, what Windows, macOS and
 * Gmail's "download all" write too). */
function zipped(paths) {
  const dir = dirname(paths[0]);
  const archive = join(mkdtempSync(join(tmpdir(), "tusoi-zip-")), "chi-bo.zip");
  execFileSync("python3", ["-m", "zipfile", "-c", archive, dir]);
  return archive;
}

/** From handing `n` member files (or, with `zip`, one ZIP archive of them) to the picker to the
 * summary on screen, with each step's share. */
export async function workspaceBench(browser, base, n, { zip = false } = {}) {
  const workspace = new URL("chibo/", base).href;
  const loose = files(n);
  const paths = zip ? [zipped(loose)] : loose;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(workspace);
  await page.waitForSelector("#ws-create");
  await page.fill("#ws-dang-bo", "Đảng bộ phường");
  await page.fill("#ws-chi-bo", `Bench ${n}`);
  await page.click("#ws-create-button");
  await page.waitForSelector("#ws-files");
  await page.evaluate(() => {
    performance.clearMeasures();
    performance.clearMarks();
  });
  const t0 = Date.now();
  await page.setInputFiles("#ws-files", paths);
  // From the picker's change event (the workspace marks it) to the frame that shows the summary.
  const total = await page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const done = () => {
          if (document.querySelector("#ws-summary")?.textContent.includes(`/${n.toLocaleString("vi-VN")} đồng chí`)) {
            resolve(performance.now() - performance.getEntriesByName("tusoi-picked")[0].startTime);
          } else {
            requestAnimationFrame(done);
          }
        };
        done();
      }),
    n
  );
  const wall = Date.now() - t0;
  const steps = await page.evaluate(() => {
    const sum = {};
    for (const m of performance.getEntriesByType("measure")) sum[m.name] = (sum[m.name] ?? 0) + m.duration;
    return sum;
  });
  const copies = (await page.textContent("#ws-copies-title")).trim();
  // For comparison: the browser's own reading of the same files, with nothing else done.
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.type = "file";
    input.multiple = true;
    input.id = "bench-files";
    document.body.append(input);
  });
  await page.setInputFiles("#bench-files", loose);
  const browserRead = await page.evaluate(async () => {
    const files = [...document.querySelector("#bench-files").files];
    const t = performance.now();
    await Promise.all(files.map((f) => f.arrayBuffer()));
    return performance.now() - t;
  });
  await page.close();
  const ms = (name) => Math.round(steps[name] ?? 0);
  return {
    files: n,
    zip,
    picker_to_summary_ms: Math.round(total),
    with_driver_ms: wall,
    // "file" is the session's handling of the batch (chibo::session): unzipping, filing, then the
    // counts, checks and copied texts, counted once.
    steps_ms: { receive: ms("tusoi-receive"), read: ms("tusoi-read"), file: ms("tusoi-file"), rows: ms("tusoi-rows"), read_asked: ms("tusoi-read-asked"), read_answered: ms("tusoi-read-answered"), read_copied: ms("tusoi-read-copied") },
    browser_read_alone_ms: Math.round(browserRead),
    copies,
  };
}
