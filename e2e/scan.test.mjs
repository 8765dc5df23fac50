// "Quét mã QR" on a real camera path (issue #32): the member's loop is rendered in one Chromium,
// recorded into a video (Y4M), and played by a second Chromium as its camera
// (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture`), whose workspace scans
// it and counts the member. Debian's Chromium has no `BarcodeDetector` on Linux, so the scanner's
// own decoder (rqrr, compiled to wasm and fetched when the scanner opens) reads every frame here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, ORIGIN, launch, newPhone, openHome, createReview, waitSaved, waitOfflineReady, screenshot, audit, newRollup } from "./helpers.mjs";
import { shownLoop, writeLoopVideo } from "./qr.mjs";

const DIR = join(ARTIFACTS, "scan");
mkdirSync(DIR, { recursive: true });
const PASSPHRASE = "chi bo so 4 nam 2026";

/** A member's review typed on their own phone and shown as "Hiện mã QR" (sealed: "Xuất có mật
 * khẩu" → "Hiện mã QR"): every frame as drawn, in order. */
async function memberLoop(name, { sealed = false } = {}) {
  const browser = await launch();
  try {
    const { page } = await newPhone(browser);
    await openHome(page);
    await createReview(page);
    await page.fill("#identity-full-name", name);
    const first = await page.$('.editor textarea[id^="section-"]');
    await first.fill(`Tôi, ${name}, trong năm 2026 đã hoàn thành các nhiệm vụ được giao: trực tiếp phụ trách 3 tổ dân phố, vận động 142 hộ tham gia bảo hiểm y tế.`);
    await waitSaved(page);
    return await shownLoop(page, sealed ? PASSPHRASE : null);
  } finally {
    await browser.close();
  }
}

/** The secretary's phone, whose camera films `video` (Chromium's test pattern without one; no
 * camera at all with `camera: false`), allowed unless `allowed` is false. */
async function secretary(video, { allowed = true, camera = true } = {}) {
  const args = camera ? ["--use-fake-device-for-media-stream", ...(video ? [`--use-file-for-fake-video-capture=${video}`] : [])] : [];
  const browser = await launch(args);
  const phone = await newPhone(browser);
  if (allowed) await phone.context.grantPermissions(["camera"], { origin: ORIGIN });
  return { browser, ...phone };
}

const received = (page, n) => page.waitForFunction((n) => document.querySelector("#scan-received")?.dataset.count === String(n), n, { timeout: 90_000 });

test("a member's loop filmed by the secretary's camera is scanned into the workspace: a plain file, then a sealed one caught half-way round with frames missed, opened with the passphrase; the scanner is fetched only when opened and works offline", async () => {
  const plain = await memberLoop("Lê Thị Hoa");
  const sealed = await memberLoop("Trần Văn Bình", { sealed: true });
  const n = sealed.drawn.length;
  assert.ok(n >= 2, `the sealed loop has ${n} frames`);
  // The plain loop twice from its first frame; then the sealed loop from its middle, its first
  // turn missing every other frame (a hand that moved), its second whole.
  const middle = Math.floor(n / 2);
  const turned = [...sealed.drawn.slice(middle), ...sealed.drawn.slice(0, middle)];
  const video = join(DIR, "two-members.y4m");
  writeLoopVideo(video, [...plain.drawn, ...plain.drawn, ...turned.filter((_, k) => k % 2 === 1), ...turned]);
  console.log(`# filmed: ${plain.drawn.length} + ${n} frames (sealed from frame ${middle + 1}, every other one missed on the first turn)`);

  const b = await secretary(video);
  try {
    // The service worker comes with the member's home page; opening the workspace keeps its
    // files, the scanner's among them, for offline use.
    await openHome(b.page);
    await waitOfflineReady(b.page);
    const count = await newRollup(b.page);
    await b.page.waitForFunction(async () => {
      for (const key of await caches.keys()) {
        if (await (await caches.open(key)).match(new URL("qr/tusoi_scan_bg.wasm", location.href))) return true;
      }
      return false;
    }, null, { timeout: 30_000 });
    const fetchedBefore = b.requests.filter((url) => url.includes("/chibo/qr/"));
    assert.ok(!(await b.page.evaluate(() => "tusoiScan" in globalThis)), "the scanner is not loaded before it is opened");
    await b.context.setOffline(true);

    await b.page.fill("#ws-passphrase", PASSPHRASE);
    await b.page.click("#ws-scan");
    assert.match(await b.page.textContent("#scan-explain"), /xin phép dùng máy ảnh/);
    await audit(b.page, "the scanner before the camera");
    await b.page.click("#scan-start");
    await b.page.waitForSelector('#scan[data-phase="reading"]', { timeout: 30_000 });
    assert.equal(await b.page.getAttribute("#scan", "data-decoder"), "wasm");
    assert.ok(!(await b.page.isVisible("#scan-start")), "no second “Mở máy ảnh” while the camera is on");
    assert.ok(await b.page.isVisible("#scan-video"));
    assert.equal(await b.page.evaluate(() => typeof BarcodeDetector), "undefined", "Chromium on Linux has no BarcodeDetector: the wasm decoder reads");
    const started = Date.now();
    await received(b.page, 1);
    await count(1);
    await received(b.page, 2);
    await count(2);
    console.log(`# two members scanned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The camera films the first phone again (the video plays over): said, not received twice.
    await b.page.waitForFunction(() => /đã nhận rồi/.test(document.querySelector("#scan-said")?.textContent ?? ""), null, { timeout: 30_000 });
    assert.equal(await b.page.getAttribute("#scan-received", "data-count"), "2");
    await screenshot(b.page, "scan-two-members", { fullPage: false });

    // Both counted as members, the sealed one opened with the passphrase.
    const names = await b.page.$$eval("[data-member]", (rows) => rows.map((r) => r.textContent));
    assert.ok(names.some((t) => t.includes("Lê Thị Hoa")), names.join(" | "));
    assert.ok(names.some((t) => t.includes("Trần Văn Bình")), names.join(" | "));
    assert.equal(await b.page.$$eval(".ws-file.refused", (l) => l.length), 0);

    // Loaded on demand, from the service worker's cache (the phone is offline).
    assert.deepEqual(fetchedBefore.filter((url) => !url.includes("/chibo/qr/")), []);
    const marks = await b.page.evaluate(() => performance.getEntriesByType("mark").filter((m) => m.name.startsWith("tusoi-qr")).map((m) => m.name));
    assert.ok(marks.includes("tusoi-qr-first") && marks.includes("tusoi-qr-done"), marks.join(","));

    // "Đóng máy ảnh" turns the camera off and closes the card.
    await b.page.click("#scan-close");
    await b.page.waitForSelector("#scan", { state: "detached" });
    assert.equal(await b.page.$$eval("video", (v) => v.length), 0);
    // Opened again, it starts afresh with its explanation.
    await b.page.click("#ws-scan");
    await b.page.waitForSelector('#scan[data-phase="explain"]');
    await b.page.click("#scan-close");
    await b.page.waitForSelector("#scan", { state: "detached" });
    await b.context.setOffline(false);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.browser.close();
  }
});

test("a camera refused, or none at all, says so and what to do, and receives nothing", async () => {
  // A camera the page was not allowed to use (the prompt dismissed), and a machine without one.
  const refused = await secretary(null, { allowed: false });
  const noCamera = await secretary(null, { camera: false });
  try {
    for (const [phone, expected] of [[refused, /chưa được cho phép/], [noCamera, /Không tìm thấy máy ảnh/]]) {
      await newRollup(phone.page);
      await phone.page.click("#ws-scan");
      await phone.page.click("#scan-start");
      await phone.page.waitForSelector("#scan-error");
      assert.match(await phone.page.textContent("#scan-error"), expected);
      // Nothing received; "Mở máy ảnh" is there to try again.
      assert.equal(await phone.page.$("#ws-files-count"), null);
      await phone.page.waitForSelector("#scan-start");
    }
  } finally {
    await refused.browser.close();
    await noCamera.browser.close();
  }
});
