// Mozilla Readability baseline with the polidex-extract JSON Lines contract: node extract.mjs PAGE...
// With BENCH_TIMING=1 it prints, on stderr, the time spent on the pages alone (no Node startup).
// With BENCH_BYTES=1 every page goes to jsdom as bytes (how the published Readability figures were made).
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

// Elements that start a new paragraph in the body text.
const BLOCK = new Set(("address article aside blockquote dd details dialog div dl dt fieldset figcaption figure " +
  "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr td th ul").split(" "));

// Text of the article element, blocks separated by blank lines, <br> as a line break.
function bodyText(root) {
  const out = [];
  (function walk(node) {
    for (const c of node.childNodes) {
      if (c.nodeType === 3) out.push(c.data.replace(/\s+/g, " "));
      else if (c.nodeType !== 1) continue;
      else if (c.localName === "br") out.push("\n");
      else {
        const block = BLOCK.has(c.localName);
        if (block) out.push("\n\n");
        walk(c);
        if (block) out.push("\n\n");
      }
    }
  })(root);
  return out.join("").split(/\n\s*\n/).map(p => p.split("\n").map(l => l.trim()).filter(Boolean).join("\n"))
    .filter(Boolean).join("\n\n");
}

// Valid UTF-8 is decoded as such (several pages are UTF-8 re-saves that still declare gb2312);
// anything else goes to jsdom as bytes so it sniffs the declared charset (e.g. real GBK pages).
// jsdom's sniffing alone falls back to windows-1252 on UTF-8 pages with no charset in the first KiB.
const utf8 = new TextDecoder("utf-8", { fatal: true });
function load(path) {
  const bytes = readFileSync(path);
  if (process.env.BENCH_BYTES) return bytes;
  try { return utf8.decode(bytes); } catch { return bytes; }
}

const t0 = performance.now();
for (const path of process.argv.slice(2)) {
  const rec = { path, title: null, authors: [], date: null, language: null, body: "" };
  try {
    // No runScripts and no resources: scripts are not run and nothing is fetched.
    // A silent virtual console drops jsdom's "Could not parse CSS stylesheet" noise.
    const dom = new JSDOM(load(path), { url: "https://example.invalid/", virtualConsole: new VirtualConsole() });
    const art = new Readability(dom.window.document, { serializer: el => el }).parse();
    if (art) {
      rec.title = art.title?.trim() || null;
      if (art.byline?.trim()) rec.authors = [art.byline.trim()];
      rec.date = /^\d{4}-\d{2}-\d{2}/.exec(art.publishedTime?.trim() ?? "")?.[0] ?? null;
      rec.language = art.lang?.trim() || null;
      rec.body = bodyText(art.content);
    }
    dom.window.close();
  } catch (e) {
    process.stderr.write(`extract.mjs: ${path}: ${e.message}\n`);
  }
  process.stdout.write(JSON.stringify(rec) + "\n");
  // jsdom queues the page's load event; until the event loop turns, the closed window can't be freed.
  await new Promise(resolve => setImmediate(resolve));
}
if (process.env.BENCH_TIMING) {
  const ms = performance.now() - t0, n = process.argv.length - 2;
  process.stderr.write(`readability-timing pages=${n} startup_ms=${t0.toFixed(1)} pages_ms=${ms.toFixed(1)} ` +
    `ms_per_page=${(n ? ms / n : 0).toFixed(2)}\n`);
}
