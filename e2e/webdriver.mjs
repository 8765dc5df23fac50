// A small W3C WebDriver client (Node's fetch, no dependency) and the two engines it drives besides
// Chromium: Firefox ESR through geckodriver and WebKitGTK's MiniBrowser through WebKitWebDriver
// under Xvfb. Playwright cannot drive Debian's Firefox or WebKitGTK (it needs its own patched
// builds, which this machine cannot download), and every W3C driver speaks this protocol.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, statfsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GECKODRIVER = process.env.GECKODRIVER ?? join(process.env.HOME ?? "/root", ".cargo/bin/geckodriver");
export const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
export const WEBKITDRIVER = process.env.WEBKITWEBDRIVER ?? "/usr/bin/WebKitWebDriver";
export const WEBKIT_SHELL = new URL("./webkit-shell.py", import.meta.url).pathname;
export const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** The engines the suite runs in, from E2E_ENGINES ("firefox,webkit" by default). */
export const ENGINES = (process.env.E2E_ENGINES ?? "firefox,webkit").split(",").filter(Boolean);

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntil(what, check, timeout = 20000, every = 50) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** A child process that is killed when the suite ends, whatever happened. */
function child(command, args, env = {}) {
  const proc = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  proc.stdout.on("data", (d) => (log += d));
  proc.stderr.on("data", (d) => (log += d));
  const kill = () => proc.exitCode === null && proc.kill("SIGKILL");
  process.once("exit", kill);
  return { proc, log: () => log, kill };
}

/** Xvfb on a display it picks itself (-displayfd), for WebKitGTK, which needs a display. */
async function xvfb() {
  const proc = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  process.once("exit", () => proc.exitCode === null && proc.kill("SIGKILL"));
  const display = await new Promise((resolve, reject) => {
    let out = "";
    proc.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(`:${out.trim()}`);
    });
    proc.once("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return { display, kill: () => proc.exitCode === null && proc.kill("SIGKILL") };
}

export class WebDriverError extends Error {}

/** One browser session. Every method is one or a few W3C commands. */
export class Session {
  constructor(engine, url, id, stop, downloads) {
    Object.assign(this, { engine, url, id, stop, downloads });
  }

  async cmd(method, path, body) {
    const res = await fetch(`${this.url}/session/${this.id}${path}`, {
      method,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new WebDriverError(`${this.engine} ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  }

  goto(url) {
    return this.cmd("POST", "/url", { url });
  }
  /** The member's reload. Not WebDriver's Refresh: geckodriver's bypasses the service worker
   * (offline, Firefox then shows its network error page, though a reload from the page itself,
   * or the reload button, is answered by the worker). */
  async reload() {
    await this.eval(() => {
      window.__tusoiBeforeReload = true;
      setTimeout(() => location.reload(), 0);
      return true;
    });
    await waitUntil("the reloaded page", () =>
      this.eval(() => window.__tusoiBeforeReload === undefined && document.readyState === "complete").catch(() => false),
    );
  }
  currentUrl() {
    return this.cmd("GET", "/url");
  }
  /** Runs `fn` (a function, sent as its source) in the page with `args`; returns its value. */
  eval(fn, ...args) {
    return this.cmd("POST", "/execute/sync", { script: `return (${fn}).apply(null, arguments)`, args });
  }
  /** Like `eval`, for a function returning a promise. */
  evalAsync(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((v) => done({ ok: v }), (e) => done({ err: String(e && e.stack || e) }));`;
    return this.cmd("POST", "/execute/async", { script, args }).then((r) => {
      if (r && "err" in r) throw new WebDriverError(r.err);
      return r?.ok;
    });
  }
  async find(css) {
    const found = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return found[ELEMENT];
  }
  waitFor(css, timeout) {
    return waitUntil(css, () => this.find(css).catch(() => null), timeout);
  }
  /** Waits until `fn` (run in the page) returns something truthy, and returns it. */
  waitUntil(what, fn, args = [], timeout) {
    return waitUntil(what, () => this.eval(fn, ...args), timeout);
  }
  async click(css) {
    await this.cmd("POST", `/element/${await this.waitFor(css)}/click`, {});
  }
  /** Real key events into the element, one character after another. */
  async type(css, text) {
    await this.cmd("POST", `/element/${await this.waitFor(css)}/value`, { text });
  }
  async clear(css) {
    await this.cmd("POST", `/element/${await this.waitFor(css)}/clear`, {});
  }
  /** Picks a file in an `<input type=file>` as the member would. */
  async pickFile(css, path) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/value`, { text: path });
  }
  value(css) {
    return this.eval((s) => document.querySelector(s)?.value ?? null, css);
  }
  text(css) {
    return this.eval((s) => document.querySelector(s)?.textContent ?? null, css);
  }
  async screenshot(path) {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path, Buffer.from(await this.cmd("GET", "/screenshot"), "base64"));
  }
  /** Ends the session and the browser. The shell's window may be gone already ("no such window"),
   * which changes nothing: the driver and the browser are killed either way. */
  async close() {
    await this.cmd("DELETE", "").catch(() => {});
    this.stop();
  }
}

/** Starts `engine` ("firefox" or "webkit") with a new, empty profile. `prefs` are Firefox's;
 * `quota` (bytes) limits what the site may store, in each engine's own way: Firefox's fixed
 * storage limit, or for WebKitGTK a browser with its storage on disk (`webkit-shell.py`), since
 * MiniBrowser keeps an automation session in memory without any quota. For WebKitGTK,
 * `userAgent` is what the browser reports and `clock` lets a test move the page's clock
 * (`moveClock`), both through `webkit-shell.py`. */
export async function startEngine(engine, { prefs = {}, quota, userAgent, clock = false } = {}) {
  const port = await freePort();
  let downloads = mkdtempSync(join(tmpdir(), `tusoi-${engine}-downloads-`));
  let driver;
  let display;
  let capabilities;
  if (engine === "firefox") {
    driver = child(GECKODRIVER, [`--port=${port}`]);
    capabilities = {
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: FIREFOX,
        args: ["-headless"],
        prefs: {
          // The export's download goes to a folder of the test's, without a dialog.
          "browser.download.folderList": 2,
          "browser.download.dir": downloads,
          "browser.download.useDownloadDir": true,
          "browser.download.always_ask_before_handling_new_types": false,
          "browser.helperApps.neverAsk.saveToDisk": "application/json,text/plain",
          // The closed network: no update checks, telemetry or captive-portal probes.
          "app.update.enabled": false,
          "network.captive-portal-service.enabled": false,
          "datareporting.policy.dataSubmissionEnabled": false,
          "toolkit.telemetry.enabled": false,
          "browser.safebrowsing.malware.enabled": false,
          "browser.safebrowsing.phishing.enabled": false,
          ...(quota ? { "dom.quotaManager.temporaryStorage.fixedLimit": Math.ceil(quota / 1024) } : {}),
          ...prefs,
        },
      },
    };
  } else if (engine === "webkit") {
    display = await xvfb();
    // MiniBrowser saves a download in the home folder: a home of the test's own keeps it apart.
    downloads = mkdtempSync(join(tmpdir(), "tusoi-webkit-home-"));
    driver = child(WEBKITDRIVER, [`--port=${port}`], { DISPLAY: display.display, HOME: downloads });
    capabilities = { "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } };
    if (quota || userAgent || clock) {
      const data = join(downloads, "data");
      mkdirSync(data);
      const env = [`TUSOI_WEBKIT_DATA=${data}`];
      if (quota) {
        // WebKit's quota is a share of the volume that holds the data folder.
        const { blocks, bsize } = statfsSync(data);
        env.push(`TUSOI_WEBKIT_ORIGIN_RATIO=${quota / (blocks * bsize)}`);
      }
      if (userAgent) env.push(`TUSOI_WEBKIT_USER_AGENT=${userAgent}`);
      if (clock) env.push("TUSOI_WEBKIT_CLOCK=1");
      capabilities = {
        "webkitgtk:browserOptions": { binary: "/usr/bin/env", args: [...env, "/usr/bin/python3", WEBKIT_SHELL] },
      };
    }
  } else {
    throw new Error(`unknown engine ${engine}`);
  }
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`${engine}'s driver`, () => fetch(`${url}/status`).then((r) => r.ok), 20000).catch((e) => {
    throw new Error(`${e.message}\n${driver.log()}`);
  });
  const res = await fetch(`${url}/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ capabilities: { alwaysMatch: capabilities } }),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${engine}: no session: ${JSON.stringify(json.value)}\n${driver.log()}`);
  const stop = () => {
    driver.kill();
    display?.kill();
  };
  const session = new Session(engine, url, json.value.sessionId, stop, downloads);
  session.capabilities = json.value.capabilities;
  return session;
}
