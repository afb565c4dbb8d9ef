// search-page.mjs: drives Debian's chromium (headless, through playwright-core) over the
// polidex search page served by polidex-serve on loopback: a search, a concept facet
// clicked, counts and hits checked against what /search says, the back button, the state in
// the URL, a phone-sized window, and text from the index never run as HTML. Prints TAP-like
// "ok"/"FAIL" lines and exits 1 on a failure.
// Usage: node search-page.mjs BASE_URL SCREENSHOT.png
import { chromium } from "playwright-core";

const [base, screenshot] = process.argv.slice(2);
const QUERY = "cooperation";
let failures = 0;
const ok = (what) => console.log("ok - " + what);
const fail = (what) => { failures++; console.log("FAIL - " + what); };
const check = (cond, what) => (cond ? ok(what) : fail(what));

async function api(path) {
  const r = await fetch(base + path);
  return r.json();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  // Keep chromium off the network: no background services, and no name but loopback resolves.
  args: [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-breakpad",
    "--disable-domain-reliability", "--metrics-recording-only", "--no-pings",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
  ],
});
try {
  // Playwright's own waiting runs scripts the page's Content-Security-Policy would refuse;
  // bypassing it also means the escaping test below relies on the page's DOM building alone.
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 },
    bypassCSP: true });
  const page = await context.newPage();
  const outside = [];
  // Anything but the service itself is refused, and noted. The page's first search (the
  // empty query) is held back a while, so that its answer comes after the one to the search
  // typed meanwhile, as from a slow service: the page must keep showing the later search.
  let heldFirst = false;
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (!url.startsWith(base)) {
      outside.push(url);
      return route.abort();
    }
    if (!heldFirst && url.includes("/search?q=&")) {
      heldFirst = true;
      await new Promise((r) => setTimeout(r, 1500));
    }
    return route.continue();
  });
  const firstAnswer = page.waitForResponse((r) => r.url().includes("/search?q=&"));
  const alerts = [];
  page.on("dialog", (d) => { alerts.push(d.message()); d.dismiss(); });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  // A search typed into the box.
  await page.goto(base + "/");
  await page.fill("#q", QUERY);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/search?q=" + QUERY + "&") &&
      r.status() === 200),
    page.click("#search button[type=submit]"),
  ]);
  const expected = await api("/search?q=" + encodeURIComponent(QUERY) +
    "&facet=concept:12&limit=10");
  // The answer to the search typed, not to the page's first (empty) one, which a slow
  // service may send later.
  await page.waitForFunction((n) =>
    document.getElementById("status").textContent.startsWith(n + " article"), expected.total);
  await page.waitForSelector("#hits .hit");
  await firstAnswer;
  await page.waitForTimeout(300);
  const status1 = await page.textContent("#status");
  check(status1.startsWith(expected.total + " article"),
    `the count shown (${status1}) is /search's (${expected.total})`);
  const titles1 = await page.$$eval("#hits .hit h3", (hs) => hs.map((h) => h.textContent));
  check(titles1.length === Math.min(10, expected.total) &&
    titles1[0] === (expected.hits[0].title || "(untitled)"),
    `the hits are /search's (${titles1.length}, first "${titles1[0]}")`);
  check(await page.$$eval("#hits mark", (m) => m.length) > 0, "matched words are marked");
  check(new URL(page.url()).searchParams.get("q") === QUERY,
    "the query is in the URL");

  // A concept facet clicked: the filter chip appears and the counts follow the index. The
  // concept is one that narrows the search, so that the page must change.
  const concept = expected.facets.concept.find((c) => c.count < expected.total);
  if (!concept) throw new Error("no concept facet narrows the search for " + QUERY);
  const button = `#facets button.facet[data-field="concept"][data-value="${concept.value}"]`;
  await page.waitForSelector(button);
  const shown = await page.textContent(button + " .count");
  check(Number(shown) === concept.count, `the facet shows ${concept.label}: ${concept.count}`);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("filter=concept") && r.status() === 200),
    page.click(button),
  ]);
  await page.waitForFunction((n) =>
    document.getElementById("status").textContent.startsWith(n + " article"), concept.count);
  const filtered = await api("/search?q=" + encodeURIComponent(QUERY) +
    "&filter=" + encodeURIComponent("concept:" + concept.value) + "&limit=10");
  check(filtered.total === concept.count,
    `after the click the page shows ${concept.count} articles, as /search does`);
  const titles2 = await page.$$eval("#hits .hit h3", (hs) => hs.map((h) => h.textContent));
  const titlesWant = filtered.hits.map((h) => h.title || "(untitled)");
  check(JSON.stringify(titles2) === JSON.stringify(titlesWant) &&
    JSON.stringify(titles2) !== JSON.stringify(titles1), "the hits change as /search says");
  check(new URL(page.url()).searchParams.getAll("filter").includes("concept:" + concept.value),
    "the filter is in the URL");
  check(await page.$$eval("#chips .chip", (c) => c.length) === 1, "a chip shows the filter");

  // Back: the unfiltered search again, from the URL alone.
  await page.goBack();
  await page.waitForFunction((n) =>
    document.getElementById("status").textContent.startsWith(n + " article"), expected.total);
  check(new URL(page.url()).searchParams.getAll("filter").length === 0,
    "back: the URL has no filter");
  check(await page.$$eval("#chips .chip", (c) => c.length) === 0, "back: no chip");
  await page.screenshot({ path: screenshot, fullPage: true });
  ok("screenshot saved to " + screenshot);

  // A bookmarked URL with a filter opens as it was; removing the chip removes the filter.
  const bookmarked = base + "/?q=" + encodeURIComponent(QUERY) +
    "&filter=" + encodeURIComponent("concept:" + concept.value);
  await page.goto(bookmarked);
  await page.waitForFunction((n) =>
    document.getElementById("status").textContent.startsWith(n + " article"), concept.count);
  ok("a bookmarked URL restores the search and its filter");
  await page.click("#chips .chip");
  await page.waitForFunction((n) =>
    document.getElementById("status").textContent.startsWith(n + " article"), expected.total);
  ok("removing the chip removes the filter");

  // Text from the index is text: a title written as markup is shown, never run.
  await page.goto(base + "/?q=quokkamarkup");
  await page.waitForSelector("#hits .hit");
  const hostile = await page.textContent("#hits .hit h3");
  check(hostile.includes("<img") && await page.$$eval("#hits img", (i) => i.length) === 0,
    "markup in a title is shown as text");
  check(alerts.length === 0, "no script from the index ran");

  // A page of a web archive: when it was captured, and a link to its archived copy.
  await page.goto(base + "/?q=quokkawarc");
  await page.waitForSelector("#hits .hit");
  const replay = await page.$eval("#hits .hit .capture a.replay",
    (a) => ({ href: a.getAttribute("href"), text: a.textContent })).catch(() => null);
  check(replay !== null &&
    replay.href === "http://localhost:8090/crawl/20230501102030/https://www.example.org/warc-page" &&
    replay.text === "Archived copy of 2023-05-01",
    "an archived hit links to its replay: " + JSON.stringify(replay));

  // A phone-sized window: no sideways scrolling, facets below the hits.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true,
    bypassCSP: true });
  const small = await phone.newPage();
  await small.route("**/*", (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort());
  await small.goto(base + "/?q=" + encodeURIComponent("cooperation"));
  await small.waitForSelector("#hits .hit");
  const widths = await small.evaluate(() =>
    [document.documentElement.scrollWidth, window.innerWidth]);
  check(widths[0] <= widths[1], `phone: no sideways scrolling (${widths[0]} <= ${widths[1]})`);
  await small.screenshot({ path: screenshot.replace(/\.png$/, "-phone.png"), fullPage: true });
  await phone.close();

  // With the page's Content-Security-Policy enforced, as a reader's browser does: the year
  // bars are as long as their counts say, and the result set can be downloaded whole.
  const strict = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const enforced = await strict.newPage();
  await enforced.route("**/*", (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort());
  await enforced.goto(base + "/?q=");
  let bars = [];
  for (let i = 0; i < 50 && bars.length < 2; i++) {
    bars = await enforced.evaluate(() => [...document.querySelectorAll(".histogram .facet")]
      .map((b) => [Number(b.querySelector(".count").textContent),
        b.querySelector(".barfill").getBoundingClientRect().width]));
    if (bars.length < 2) await new Promise((r) => setTimeout(r, 100));
  }
  const top = Math.max(...bars.map((b) => b[0]));
  const widest = Math.max(...bars.map((b) => b[1]));
  const proportional = bars.length >= 2 && bars.every((b) =>
    Math.abs(b[1] / widest - Math.max(0.02, b[0] / top)) < 0.05);
  check(proportional && bars.some((b) => b[0] < top),
    "year bars as long as their counts, under the page's CSP: " + JSON.stringify(bars));
  const links = await enforced.evaluate(() => [...document.querySelectorAll("a.export")]
    .map((a) => a.getAttribute("href")));
  check(links.length === 2 && links[0].includes("format=csv") && links[1].includes("format=jsonl"),
    "links to download the whole result set: " + links.join(" "));
  const download = await fetch(new URL(links[0], base + "/").href);
  const csvText = await download.text();
  check(download.ok && csvText.startsWith("docid,id,url"), "the CSV link downloads the set");
  await strict.close();

  check(outside.length === 0, "nothing fetched from outside: " + outside.join(" "));
  check(errors.length === 0, "no script error: " + errors.join(" "));
} catch (e) {
  fail("the browser test stopped: " + e.message);
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
