// The chi bộ roll-up alone, for working on its speed: `node bench/ws-only.mjs URL N [RUNS] [zip]`
// against a served dist/ (e.g. `python3 -m http.server -d dist`), Chromium as in `cargo xtask
// bench`. Prints one JSON line per run.
import { chromium } from "playwright-core";
import { CHROME_FLAGS } from "./lighthouse.mjs";
import { workspaceBench } from "./workspace.mjs";

const [site, n = "10000", runs = "1", zip] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", args: CHROME_FLAGS.filter((f) => !f.startsWith("--headless")) });
for (let i = 0; i < Number(runs); i++) console.log(JSON.stringify(await workspaceBench(browser, site, Number(n), { zip: zip === "zip" })));
await browser.close();
