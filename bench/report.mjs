// Prints the figures of a Lighthouse JSON report: performance score, LCP, TBT, total byte weight.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
const audit = (id) => report.audits[id];
const score = Math.round(report.categories.performance.score * 100);
console.log(`Lighthouse ${report.lighthouseVersion}, ${report.configSettings.formFactor} preset, ${report.finalDisplayedUrl}`);
console.log(`performance score: ${score}`);
console.log(`first contentful paint: ${audit("first-contentful-paint").displayValue}`);
console.log(`largest contentful paint: ${audit("largest-contentful-paint").displayValue}`);
console.log(`total blocking time: ${audit("total-blocking-time").displayValue}`);
console.log(`total byte weight: ${Math.round(audit("total-byte-weight").numericValue / 1024)} KiB`);
