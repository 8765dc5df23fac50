// Every form printed to PDF in headless Chromium: the PDF's text (pdftotext, Debian's poppler-utils)
// must hold every heading of the form and every text the member wrote. A PNG of page 1 of each is
// kept in the artifacts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BASE_URL, ARTIFACTS, launch, openHome, assertWordValid, openImport } from "./helpers.mjs";

const TEMPLATES = "crates/core/templates";
const templates = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(TEMPLATES, f), "utf8")));
const flat = (s) => s.normalize("NFC").replace(/\s+/g, " ").trim();

function sampleDocument(t, i) {
  const text = (id) => `Nội dung mục ${id} của mẫu ${t.id}: hoàn thành ${10 + i}/12 việc.`;
  return {
    id: `print-${i}`,
    template_id: t.id,
    title: `In ${t.code}`,
    year: t.first_year,
    header: { dang_bo: "Phường Bến Nghé", chi_bo: "Khu phố 3", place: "Thành phố Hồ Chí Minh", date: `${t.first_year}-12-15` },
    identity: {
      full_name: "Nguyễn Thị Hoa", birth_date: "1984-03-08", work_unit: "Trường Tiểu học Lê Ngọc Hân",
      party_position: "Chi uỷ viên", government_position: "Phó Hiệu trưởng", union_position: "Chủ tịch Công đoàn",
      collective_name: "Chi bộ Khu phố 3", admission_date: "2024-10-10", transfer_date: "2025-11-20",
      study_subject: "Nghị quyết Đại hội XIV của Đảng",
    },
    // A bài thu hoạch: each question set by the committee with its answer.
    questions: t.sections.filter((s) => s.kind === "questions").flatMap((s) => [1, 2].map((n) => ({
      id: `${s.id}-${n}`, question: `Câu hỏi ${n} của cấp ủy về nghị quyết?`, answer: `Trả lời câu ${n}: đơn vị thực hiện ${n * 5} việc.`,
    }))),
    // The first text also carries markup the member typed, which must stay text, and a second line.
    answers: t.sections.filter((s) => s.kind === "text").map((s, n) => ({
      section: s.id,
      text: n === 0 ? `${text(s.id)} Gõ <b>không đậm</b> & <w:br/> vẫn là chữ.\nDòng thứ hai của mục.` : text(s.id),
    })),
    // A pledge: one commitment per section, with a target, a deadline, evidence and an assessment.
    commitments: t.sections.filter((s) => s.kind === "commitments").map((s, n) => ({
      id: `c-${n}`, section: s.id, content: text(s.id), target: { number: { value: 12 + n, unit: "buổi" } },
      deadline: `Q${(n % 4) + 1}`, evidence: `Biên bản số ${n + 1}`, assessment: "met", comment: "",
    })),
    study_registration: true,
    theme: "Học tập và làm theo Bác về ý chí tự lực, tự cường",
    scores: t.score_groups.map((g) => ({ group: g.id, points: g.max - 2 })),
    proposed_rating: "hoan_thanh_tot",
    civil_servant_rating: "hoan_thanh_tot",
    created_at: "2025-12-01T00:00:00.000Z",
    updated_at: "2025-12-01T00:00:00.000Z",
    revision: 1,
  };
}

/** What a form prints besides its sections: a yearly review's rating marks; the other documents'
 * opening, their own identity lines, the year a transfer covers and a bài thu hoạch's questions. */
function others(t, doc) {
  switch (t.document ?? "review") {
    case "review": return ["☒ Hoàn thành tốt nhiệm vụ", "☐ Hoàn thành xuất sắc nhiệm vụ"];
    case "pledge": return [];
    default: return [
      ...(t.opening ? [t.opening] : []),
      ...(t.identity.includes("admission_date") ? ["Ngày kết nạp vào Đảng: 10/10/2024"] : []),
      ...(t.identity.includes("study_subject") ? ["Nghị quyết, chuyên đề hoặc lớp học: Nghị quyết Đại hội XIV của Đảng"] : []),
      ...(t.document === "transfer" ? ["Thời gian tự kiểm điểm: từ 20/11/2024 đến 20/11/2025"] : []),
      ...doc.questions.flatMap((q, n) => [`Câu ${n + 1}. ${q.question}`, q.answer]),
    ];
  }
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A fresh profile holding one sample document of every form, imported from one file. */
async function everyFormImported() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1200 }, locale: "vi-VN", acceptDownloads: true });
  const page = await context.newPage();
  const documents = templates.map(sampleDocument);
  const dir = mkdtempSync(join(tmpdir(), "tusoi-print-"));
  const file = join(dir, "all.json");
  writeFileSync(file, JSON.stringify({ format: "tusoi-export", schema_version: 3, app_version: "test", exported_at: "2025-12-20T00:00:00.000Z", documents }));
  await openHome(page);
  await openImport(page);
  await page.setInputFiles("#import-file", file);
  await page.waitForFunction((n) => document.querySelectorAll("#drafts > li").length === n, documents.length);
  return { context, page, documents, dir };
}

test(`every form (${templates.length}) prints to A4 with every heading and the member's text`, async () => {
  const { context, page, documents } = await everyFormImported();

  for (const [i, t] of templates.entries()) {
    const doc = documents[i];
    await page.goto(`${BASE_URL}#/in/${doc.id}`);
    await page.waitForSelector("#a4");
    const name = `print-${t.id.replace(/[^A-Za-z0-9]+/g, "-")}`;
    const pdf = join(ARTIFACTS, `${name}.pdf`);
    await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
    const text = flat(execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }));

    const pledge = t.document === "pledge";
    const must = [
      t.code, t.title, "ĐẢNG CỘNG SẢN VIỆT NAM", "ngày 15 tháng 12 năm " + t.first_year, t.signature.title,
      ...t.sections.map((s) => s.heading),
      ...doc.answers.map((a) => a.text),
      ...t.approval_blocks.flatMap((b) => [b.signer, ...b.lines]),
      ...t.score_groups.map((g) => `${g.label}: ${g.max - 2}/${g.max} điểm`),
      ...(t.score_groups.length ? ["Tổng điểm: 96/100 điểm"] : []),
      ...(pledge
        ? [
          t.study_title, t.opening, t.closing, `Chuyên đề năm ${t.first_year}: ${doc.theme}`,
          ...doc.commitments.flatMap((c, n) => [c.content, `Chỉ tiêu: ${12 + n} buổi; Thời hạn: quý ${["I", "II", "III", "IV"][n % 4]}/${t.first_year}; Minh chứng: Biên bản số ${n + 1}; Tự đánh giá: đạt`]),
        ]
        : []),
      ...others(t, doc),
    ];
    for (const piece of must) {
      assert.ok(text.includes(flat(piece)), `${t.id}: the PDF lacks “${piece}”`);
    }
    assertHd36Page(pdf, `${t.id} (print)`, hd36(t));
    // Nothing of the app's screen chrome is printed.
    for (const chrome of ["Cài đặt", "Quay lại bản nháp", "In / Lưu PDF", "Tải file Word", "Đây là bản xem trước"]) {
      assert.ok(!text.includes(chrome), `${t.id}: the PDF shows “${chrome}”`);
    }
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, join(ARTIFACTS, name)]);
  }
  await context.close();
});

/** The page's text box on A4 from pdftotext's word boxes, in mm from each edge: HD 36-HD/VPTW
 * sets 25 mm top and bottom, 35 mm left and 15 mm right. Only page 1, whose text starts at the top
 * margin; its last line need not reach the bottom one. */
function margins(pdf) {
  const html = execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" });
  const page = html.match(/<page width="([\d.]+)" height="([\d.]+)"/);
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
  const mm = (pt) => (pt * 25.4) / 72;
  return {
    width: mm(Number(page[1])),
    height: mm(Number(page[2])),
    left: mm(Math.min(...words.map((w) => w[0]))),
    right: mm(Number(page[1]) - Math.max(...words.map((w) => w[2]))),
    top: mm(Math.min(...words.map((w) => w[1]))),
  };
}

/** Font sizes on page 1 in pt, from the heights of words' boxes, which are the font size times
 * one factor for a given font and producer: scaled so that "Năm" (of the year line under the
 * title, body text, 14 pt by HD 36) is 14. */
function fontSizes(pdf) {
  const html = execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" });
  const heights = new Map();
  for (const m of html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (!heights.has(m[3])) heights.set(m[3], Number(m[2]) - Number(m[1]));
  }
  // A 14 pt word every form has on page 1: the year line of the yearly documents, or "Họ và tên"
  // of the others (dated by their header alone).
  const body = heights.get("Năm") ?? heights.get("Họ");
  return (word) => (heights.get(word) / body) * 14;
}

/** What to measure on a form's page 1: its code if it has one, its title's first word, and the
 * first word of its first paragraph (the pledge opens with its preamble, its commitments are a
 * table set at 13 pt). */
const hd36 = (t) => ({ code: Boolean(t.code), title: t.title.split(" ")[0], body: t.opening ? t.opening.split(" ")[0] : "Nội" });

function assertHd36Page(pdf, what, { code = true, title = "BẢN", body = "Nội" } = {}) {
  const size = fontSizes(pdf);
  const near = (word, pt) => assert.ok(Math.abs(size(word) - pt) < 0.3, `${what}: “${word}” is ${size(word).toFixed(1)} pt, not ${pt}`);
  near("CỘNG", 15); // ĐẢNG CỘNG SẢN VIỆT NAM, bold
  near(title, 15); // the document's name, bold
  near(body, 14); // the first paragraph of text
  if (code) near("Mẫu", 12); // the form's code
  const m = margins(pdf);
  assert.ok(Math.abs(m.width - 210) < 1 && Math.abs(m.height - 297) < 1, `${what}: not A4: ${JSON.stringify(m)}`);
  // Text starts at the margin (a little inside it: a glyph's box is not its line's).
  assert.ok(m.left >= 34 && m.left < 37, `${what}: left margin ${m.left.toFixed(1)} mm, not 35`);
  assert.ok(m.right >= 14 && m.right < 20, `${what}: right margin ${m.right.toFixed(1)} mm, not 15`);
  assert.ok(m.top >= 24 && m.top < 30, `${what}: top margin ${m.top.toFixed(1)} mm, not 25`);
}

test(`every form (${templates.length}) downloads as a Word file that LibreOffice reads, with every heading and the member's text`, async () => {
  const { context, page, documents, dir } = await everyFormImported();

  const names = [];
  for (const [i, t] of templates.entries()) {
    await page.goto(`${BASE_URL}#/in/${documents[i].id}`);
    await page.waitForSelector("#a4");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#print-word")]);
    // The pledge has no form code, so its title is just "In".
    assert.match(download.suggestedFilename(), /^tu-soi-in(-[a-z0-9-]+)?-\d{4}-\d\d-\d\d\.docx$/);
    const name = `word-${t.id.replace(/[^A-Za-z0-9]+/g, "-")}`;
    await download.saveAs(join(ARTIFACTS, `${name}.docx`));
    names.push(name);
  }
  // The files as archives: every part listed and well-formed XML (Python's zipfile and minidom).
  const check = `
import sys, zipfile, xml.dom.minidom
for path in sys.argv[1:]:
    z = zipfile.ZipFile(path)
    assert z.testzip() is None, path
    names = z.namelist()
    for need in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"]:
        assert need in names, (path, need)
    for n in names:
        xml.dom.minidom.parseString(z.read(n))
    print(path, len(names), "parts")
`;
  execFileSync("python3", ["-c", check, ...names.map((n) => join(ARTIFACTS, `${n}.docx`))], { encoding: "utf8" });
  // Word's own rules, which LibreOffice does not hold a file to: the schema's element order and
  // the parts Word requires (settings, fonts, theme).
  assertWordValid(names.map((n) => join(ARTIFACTS, `${n}.docx`)));
  // LibreOffice, a real reader, turns them into PDF; a profile of its own, so nothing else interferes.
  execFileSync("soffice", [
    `-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--headless", "--convert-to", "pdf", "--outdir", ARTIFACTS,
    ...names.map((n) => join(ARTIFACTS, `${n}.docx`)),
  ], { encoding: "utf8", timeout: 300000 });

  for (const [i, t] of templates.entries()) {
    const doc = documents[i];
    const pdf = join(ARTIFACTS, `${names[i]}.pdf`);
    const text = flat(execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }));
    // In layout order the lines of a table's cells interleave; in content order each cell reads whole.
    const raw = flat(execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }));
    const pledge = t.document === "pledge";
    const must = [
      t.code, t.title, "ĐẢNG CỘNG SẢN VIỆT NAM", "ngày 15 tháng 12 năm " + t.first_year, t.signature.title,
      ...t.sections.map((s) => s.heading),
      ...doc.answers.flatMap((a) => a.text.split("\n")),
      ...t.approval_blocks.flatMap((b) => [b.signer, ...b.lines]),
      ...t.score_groups.map((g) => `${g.label}: ${g.max - 2}/${g.max} điểm`),
      ...(t.score_groups.length ? ["Tổng điểm: 96/100 điểm"] : []),
      ...(pledge
        ? [
          t.study_title, t.opening, t.closing, `Chuyên đề năm ${t.first_year}: ${doc.theme}`, "Nội dung cam kết", "Chỉ tiêu", "Thời hạn",
          ...doc.commitments.flatMap((c, n) => [c.content, `${12 + n} buổi`, `quý ${["I", "II", "III", "IV"][n % 4]}/${t.first_year}`, `Biên bản số ${n + 1}`]),
        ]
        : []),
      ...others(t, doc),
    ];
    for (const piece of must) {
      assert.ok(text.includes(flat(piece)) || raw.includes(flat(piece)), `${t.id}: the Word file's PDF lacks “${piece}”`);
    }
    if (doc.answers.length) {
      assert.ok(text.includes("Gõ <b>không đậm</b> & <w:br/> vẫn là chữ."), `${t.id}: markup the member typed is not kept as text`);
    }
    assertHd36Page(pdf, `${t.id} (Word)`, hd36(t));
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, join(ARTIFACTS, names[i])]);
  }
  await context.close();
});

test("ctrl_p_in_the_editor_prints_the_official_page", async () => {
  // The browser's own Print from the editor route (Ctrl+P) prints the official page, not the inputs.
  const context = await browser.newContext({ viewport: { width: 1000, height: 1200 }, locale: "vi-VN" });
  const page = await context.newPage();
  await openHome(page);
  await page.click("#create");
  await page.waitForSelector('[id="section-A.I.1"]');
  await page.fill('[id="section-A.I.1"]', "Chấp hành nghiêm, viết trong trình soạn thảo rồi in bằng Ctrl+P.");
  // A member presses Ctrl+P after the page has drawn what they typed; printing in the same task
  // as the typing raced that redraw (1 failed run of 4 on 6 December 2026).
  await page.waitForFunction(() => document.querySelector(".print-only")?.textContent.includes("in bằng Ctrl+P."));
  const pdf = join(ARTIFACTS, "print-editor-ctrl-p.pdf");
  await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
  const text = flat(execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }));
  for (const piece of ["ĐẢNG CỘNG SẢN VIỆT NAM", "BẢN KIỂM ĐIỂM", "Chấp hành nghiêm, viết trong trình soạn thảo rồi in bằng Ctrl+P."]) {
    assert.ok(text.includes(flat(piece)), `the PDF lacks “${piece}”`);
  }
  for (const chrome of ["Xuất JSON", "In / Lưu PDF", "Cần xem lại", "Danh sách bản nháp"]) {
    assert.ok(!text.includes(chrome), `the PDF shows the editor's “${chrome}”`);
  }
  await context.close();
});
