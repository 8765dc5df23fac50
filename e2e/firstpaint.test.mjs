// The first screen before the wasm: index.html carries the home page as the app's own components
// render it at build time (xtask/src/site.rs, src/bin/prerender.rs), inert until the app starts, and
// the app takes its place without a flash or a jump. And the files come precompressed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { BASE_URL, SITE, createReview, launch, newPhone, openHome, screenshot, waitOfflineReady, waitSaved } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A phone whose wasm is still on its way (the request is held, never answered). */
async function phoneWithoutWasm() {
  const phone = await newPhone(browser);
  await phone.page.route("**/*.wasm", () => {});
  return phone;
}

test("index.html carries the home page, inert, with no ids of the live page", async () => {
  const html = await (await fetch(BASE_URL)).text();
  const start = html.indexOf('<div id="prerendered" inert>');
  const app = html.indexOf('<div id="app" hidden></div>');
  assert.ok(start > 0 && app > start, "the build's copy comes first, then the hidden #app");
  const copy = html.slice(start + '<div id="prerendered" inert>'.length, app);
  for (const text of ["Bản nháp của tôi", "Tạo bản kiểm điểm", "Năm kiểm điểm", "Đang khởi động ứng dụng"]) {
    assert.ok(copy.includes(text), `the copy says ${text}`);
  }
  assert.doesNotMatch(copy, / (id|for)="/, "ids stay unique to the live page");
});

test("before the wasm arrives the home page is painted, says it is starting, and a tap does nothing", async () => {
  const { context, page, errors } = await phoneWithoutWasm();
  await page.goto(BASE_URL);
  await page.waitForSelector("#prerendered h1", { state: "visible" });
  assert.equal(await page.textContent("#prerendered h1"), "Bản nháp của tôi");
  assert.ok(await page.isVisible("#prerendered .starting"), "the starting line is on screen");
  assert.match(await page.textContent("#prerendered .starting"), /Đang khởi động ứng dụng/);
  const app = await page.$eval("#app", (el) => ({ hidden: el.hidden, children: el.children.length }));
  assert.deepEqual(app, { hidden: true, children: 0 });
  await screenshot(page, "firstpaint-before-wasm", { fullPage: false });
  // A real tap where the create button is painted: the copy is inert, so nothing is created.
  const box = await page.$eval("#prerendered button.primary", (b) => {
    const r = b.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).hash, "", "no page opened");
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  assert.deepEqual(databases, [], "no database was opened, so nothing was stored");
  // The deep-link marker of the page's head ran: CSP allowed the inline script by its hash.
  assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), []);
  await context.close();
});

test("when the wasm cannot be fetched the page says the app could not start, and what to do", async () => {
  const { context, page } = await newPhone(browser);
  await page.route("**/*.wasm", (route) => route.abort());
  await page.goto(BASE_URL);
  await page.waitForSelector("#prerendered .start-failed", { state: "visible" });
  assert.match(await page.textContent("#prerendered .start-failed"), /Không khởi động được ứng dụng.*Hãy tải lại trang/);
  assert.equal(await page.$("#prerendered .starting"), null, "no longer says it is starting");
  await screenshot(page, "firstpaint-start-failed", { fullPage: false });
  await context.close();
});

test("a link to another page shows no home page while the app starts", async () => {
  const { context, page } = await phoneWithoutWasm();
  await page.goto(`${BASE_URL}#/thung-rac`);
  await page.waitForSelector("#prerendered .starting", { state: "visible" });
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("deep")), true);
  assert.equal(await page.isVisible("#prerendered h1"), false, "the home page's title is not shown");
  await context.close();
});

test("the app takes the copy's place with no layout shift, and the copy matched its first screen", async () => {
  const { context, page, errors } = await newPhone(browser);
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: "layout-shift", buffered: true });
    // The copy's first screen, as the member saw it, read the moment the body is parsed.
    document.addEventListener("DOMContentLoaded", () => {
      const copy = document.querySelector("#prerendered .create");
      window.__copy = copy?.innerText;
    });
  });
  await openHome(page);
  await page.waitForSelector("#empty-list");
  await page.waitForTimeout(500);
  const { shifts, copy, live, copies, titles } = await page.evaluate(() => ({
    shifts: window.__shifts,
    copy: window.__copy,
    live: document.querySelector("#app .create").innerText,
    copies: document.querySelectorAll("#prerendered").length,
    titles: document.querySelectorAll("h1").length,
  }));
  const cls = shifts.reduce((a, b) => a + b, 0);
  assert.ok(cls <= 0.02, `cumulative layout shift ${cls} (${shifts.join(", ")})`);
  assert.equal(copies, 0, "the copy is gone");
  assert.equal(titles, 1, "one page on screen");
  assert.equal(copy, live, "the build's copy is the app's own first screen");
  assert.deepEqual(errors, []);
  await context.close();
});

/** One GET with the encodings a browser would accept, the body as it came over the wire. */
function rawGet(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding };
    http
      .get(url, { headers }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

test("nginx sends the build's own .br and .gz files, with the right type, to whoever accepts them", async () => {
  const files = readdirSync(SITE).filter((f) => /\.(wasm|js|css|html)$/.test(f));
  assert.ok(files.some((f) => f.endsWith(".wasm")), files.join(", "));
  let wire = 0;
  for (const file of files) {
    const url = new URL(file, BASE_URL).href;
    const plain = readFileSync(join(SITE, file));
    const br = await rawGet(url, "gzip, deflate, br, zstd");
    assert.equal(br.headers["content-encoding"], "br", file);
    assert.deepEqual(br.body, readFileSync(join(SITE, `${file}.br`)), `${file}: the build's .br, as it is`);
    assert.deepEqual(brotliDecompressSync(br.body), plain, `${file}: decodes to the file`);
    wire += br.body.length;
    const gz = await rawGet(url, "gzip");
    assert.equal(gz.headers["content-encoding"], "gzip", file);
    assert.deepEqual(gunzipSync(gz.body), plain, `${file}: gzip decodes to the file`);
    assert.match(gz.headers.vary ?? "", /Accept-Encoding/i, `${file}: caches keep the encodings apart`);
    const identity = await rawGet(url, "identity");
    assert.equal(identity.headers["content-encoding"], undefined, file);
    assert.deepEqual(identity.body, plain, file);
    if (file.endsWith(".wasm")) {
      for (const r of [br, gz, identity]) assert.equal(r.headers["content-type"], "application/wasm");
    }
  }
  console.log(`# the member's first load over the wire with brotli: ${wire} bytes in ${files.length} files (not a benchmark)`);
});

// The member's app is two pages (ARCHITECTURE.md, "Two pages"): index.html's wasm has the home
// page, the settings and the trash; soan/ has every page, the editor among them. The first load is
// the home page's, and the service worker keeps soan/ on the device once the app has started.

const EDITOR_PAGE = new URL("soan/", BASE_URL).href;
/** The requests the page itself makes (the service worker's, which the context records too, not). */
function pageRequests(page) {
  const urls = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}
/** Requests for the home page's own wasm (not the editor's or the workspace's). */
const homeWasm = (requests) => requests.filter((u) => u.endsWith(".wasm") && !u.startsWith(EDITOR_PAGE) && !u.includes("/chibo/"));

test("a first visit downloads no part of the editor, and the worker is registered only once the app has started", async () => {
  const { context, page, errors } = await newPhone(browser);
  const requests = pageRequests(page);
  // The wasm is held until the page has loaded and a second has passed.
  const held = [];
  await page.route("**/*.wasm", (route) => held.push(route));
  await page.goto(BASE_URL);
  await page.waitForSelector("#prerendered h1", { state: "visible" });
  await page.waitForFunction(() => document.readyState === "complete");
  await page.waitForTimeout(1000);
  // Before the app has started: no worker yet, so its install cannot share the line with the wasm.
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined), true, "no worker before the start");
  assert.equal(held.length, 1, "the home page's wasm was asked for");
  for (const route of held) await route.continue();
  await page.unroute("**/*.wasm");
  await page.waitForSelector("#app #create");
  assert.equal(await page.evaluate(() => window.tusoiStarted), true);
  assert.deepEqual(requests.filter((u) => u.startsWith(EDITOR_PAGE)), [], "the page itself fetched nothing of soan/");
  assert.equal(homeWasm(requests).length, 1, requests.join("\n"));
  // Then the worker comes and keeps the editor's page with the rest of the build.
  await waitOfflineReady(page);
  const kept = await page.evaluate(async (editor) => {
    const names = [];
    for (const key of await caches.keys()) {
      for (const request of await (await caches.open(key)).keys()) names.push(request.url);
    }
    return names.filter((u) => u.startsWith(editor)).map((u) => u.slice(editor.length));
  }, EDITOR_PAGE);
  assert.ok(kept.includes("index.html") && kept.some((f) => /^tusoi-soan-.*_bg\.wasm$/.test(f)), kept.join(", "));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link to a document or the settings goes on to soan/ before the home page's wasm is fetched", async () => {
  const { context, page, errors } = await newPhone(browser);
  const requests = pageRequests(page);
  await page.goto(`${BASE_URL}#/cai-dat`);
  await page.waitForURL(`${EDITOR_PAGE}#/cai-dat`);
  await page.waitForSelector("#profile-save");
  await page.goto(`${BASE_URL}#/doc/khong-co-ban-nay`);
  await page.waitForURL(`${EDITOR_PAGE}#/doc/khong-co-ban-nay`);
  await page.waitForSelector("section .notice-error");
  assert.deepEqual(homeWasm(requests), [], "the home page's wasm was never asked for");
  // The way back stays in soan/, which has the home page too.
  await page.click("section > a");
  await page.waitForSelector("#create");
  assert.equal(page.url(), `${EDITOR_PAGE}#/`);
  assert.equal(await page.$eval("#workspace-link", (a) => a.href), new URL("chibo/", BASE_URL).href, "the workspace from soan/'s home page");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a draft made on the home page opens in soan/; the way back keeps it", async () => {
  const { context, page, errors } = await newPhone(browser);
  await openHome(page);
  await createReview(page);
  assert.match(page.url(), new RegExp(`^${EDITOR_PAGE.replace(/[.?]/g, "\\$&")}#/doc/[0-9a-f-]+$`));
  await page.fill('[id="section-A.I.1"]', "Viết ở trang soạn.");
  await waitSaved(page);
  await page.goBack();
  await page.waitForSelector("#drafts .draft-title");
  assert.equal(page.url(), BASE_URL, "back is the home page the member came from");
  await page.click("#drafts .draft-title");
  await page.waitForSelector('[id="section-A.I.1"]');
  assert.equal(await page.inputValue('[id="section-A.I.1"]'), "Viết ở trang soạn.");
  assert.deepEqual(errors, []);
  await context.close();
});

test("offline, a first document opens in soan/ from the worker's cache", async () => {
  const { context, page, errors } = await newPhone(browser);
  await openHome(page);
  await waitOfflineReady(page);
  await context.setOffline(true);
  await createReview(page);
  await page.fill('[id="section-A.I.1"]', "Lần đầu mở trình soạn, không có mạng.");
  await waitSaved(page);
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("without IndexedDB the home page hands over to soan/ at once, where a draft in memory opens and stays", async () => {
  const { context, page, errors } = await newPhone(browser);
  await context.addInitScript(() => Object.defineProperty(window, "indexedDB", { value: undefined }));
  await page.goto(BASE_URL);
  await page.waitForURL(new RegExp(`^${EDITOR_PAGE.replace(/[.?]/g, "\\$&")}#?$`));
  await page.waitForSelector("#memory-only-banner");
  await createReview(page);
  await page.fill('[id="section-A.I.1"]', "Chỉ trong bộ nhớ.");
  await page.click(".back");
  await page.waitForSelector("#drafts .draft-title");
  assert.equal(await page.locator("#drafts .draft-title").count(), 1, "the draft in memory is still listed");
  assert.deepEqual(errors.filter((e) => !/indexedDB/i.test(e)), []);
  await context.close();
});
