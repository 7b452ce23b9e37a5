// Lighthouse over many pages in one Node process and one Chromium, one page at a time
// (two audits at once would share the CPU and lower each other's performance score).
//
//   node tools/bench/lighthouse.mjs LIGHTHOUSE_PACKAGE_DIR < jobs.jsonl > results.jsonl
//
// Each input line is {"url": ..., "formFactor": "mobile" | "desktop"}; each output line
// is the same job with "categories" (scores 0-1) and "audits" ({id: {score, numericValue}}).
// Chromium's path and flags come from CHROME_PATH and CHROME_FLAGS (space-separated).
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const packageDir = process.argv[2];
const load = (relative) => import(pathToFileURL(join(packageDir, relative)).href);
const { default: lighthouse } = await load("node_modules/lighthouse/core/index.js");
const { default: desktopConfig } = await load("node_modules/lighthouse/core/config/desktop-config.js");
const chromeLauncher = await load("node_modules/chrome-launcher/dist/index.js");

const categories = ["performance", "accessibility", "best-practices", "seo"];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: (process.env.CHROME_FLAGS || "").split(" ").filter(Boolean),
});
try {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const job = JSON.parse(line);
    const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories };
    const config = job.formFactor === "desktop" ? desktopConfig : undefined;
    const result = await lighthouse(job.url, flags, config);
    const lhr = result.lhr;
    const audits = {};
    for (const [id, audit] of Object.entries(lhr.audits)) {
      audits[id] = { score: audit.score, numericValue: audit.numericValue ?? null };
    }
    const scores = Object.fromEntries(categories.map((c) => [c, lhr.categories[c].score]));
    const weighted = Object.fromEntries(categories.map(
      (c) => [c, lhr.categories[c].auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id)]));
    const problem = lhr.runtimeError ? lhr.runtimeError.message : null;
    process.stdout.write(JSON.stringify({ ...job, categories: scores, weighted, audits, problem }) + "\n");
  }
} finally {
  await chrome.kill();
}
