// Lighthouse 13's mobile preset (simulated slow 4G, 4x CPU) on one page: a first visit (storage
// cleared) and a repeat visit. For a page with a service worker, the repeat visit is made after a
// visit that waited for the worker to cache the build, so it is served by the worker.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CHROME_FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
];

/** The figures of one Lighthouse report. */
function figures(lhr) {
  const a = (id) => lhr.audits[id].numericValue;
  return {
    score: Math.round(lhr.categories.performance.score * 100),
    fcp_ms: Math.round(a("first-contentful-paint")),
    lcp_ms: Math.round(a("largest-contentful-paint")),
    tbt_ms: Math.round(a("total-blocking-time")),
    cls: Number(a("cumulative-layout-shift").toFixed(3)),
    transferred_bytes: Math.round(a("total-byte-weight")),
    lcp_element: lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
  };
}

/** A Chromium for Lighthouse, with a profile of its own. */
function launchChrome() {
  return chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: CHROME_FLAGS,
    userDataDir: mkdtempSync(join(tmpdir(), "tusoi-lh-")),
  });
}

/** Lighthouse's options for a run in `chrome`: the performance category, as JSON. */
function lighthouseFlags(chrome) {
  return { port: chrome.port, output: "json", onlyCategories: ["performance"], logLevel: "error" };
}

/**
 * First and repeat visit of `url`. `serviceWorker`: wait, between the two, until the page says its
 * worker has cached the build (`window.tusoiServiceWorkerStatus === "ready"`).
 */
export async function visits(url, { serviceWorker = false } = {}) {
  const chrome = await launchChrome();
  try {
    const flags = lighthouseFlags(chrome);
    const first = await lighthouse(url, { ...flags, disableStorageReset: false });
    if (serviceWorker) {
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
      const page = await browser.contexts()[0].newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.tusoiServiceWorkerStatus === "ready" && navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
      await page.close();
      await browser.close().catch(() => {});
    }
    const repeat = await lighthouse(url, { ...flags, disableStorageReset: true });
    return { first: figures(first.lhr), repeat: figures(repeat.lhr), lighthouse: first.lhr.lighthouseVersion };
  } finally {
    await chrome.kill();
  }
}

/**
 * `n` first visits of `url` in a row, each in a fresh browser (storage cleared): the LCP of each,
 * so a build whose largest paint sometimes waits for the wasm shows it as a spread, not as luck.
 */
export async function firstVisits(url, n) {
  const runs = [];
  for (let i = 0; i < n; i++) {
    const chrome = await launchChrome();
    try {
      runs.push(figures((await lighthouse(url, { ...lighthouseFlags(chrome), disableStorageReset: false })).lhr));
    } finally {
      await chrome.kill();
    }
  }
  const lcp = runs.map((r) => r.lcp_ms);
  return { runs: lcp, min_ms: Math.min(...lcp), max_ms: Math.max(...lcp) };
}
