// app.js: the polidex search page. It keeps its whole state in the URL (q, sort, page and
// each filter), asks polidex-serve's /search for hits and facets, and builds the page with
// DOM calls only: text from the index is never parsed as HTML.
"use strict";

const PAGE_SIZE = 10;
const FACETS = ["concept", "type", "author", "section", "site", "language", "year"];
const FACET_TITLES = {
  concept: "Concepts", type: "Page types", author: "Authors", section: "Sections", site: "Outlets",
  language: "Languages", year: "Years",
};

// The state of the page, read from and written to the URL.
function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get("q") || "",
    sort: p.get("sort") || "relevance",
    page: Math.max(1, parseInt(p.get("page") || "1", 10) || 1),
    filters: p.getAll("filter"),
    open: p.getAll("open"), // concepts whose narrower concepts are shown
  };
}

function stateUrl(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.sort !== "relevance") p.set("sort", s.sort);
  if (s.page > 1) p.set("page", String(s.page));
  for (const f of s.filters) p.append("filter", f);
  for (const c of s.open) p.append("open", c);
  const qs = p.toString();
  return location.pathname + (qs ? "?" + qs : "");
}

function go(s) {
  history.pushState(null, "", stateUrl(s));
  render();
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// A snippet is escaped HTML whose only markup is <mark>: rebuild it as text and <mark>
// elements, decoding the five escapes Xapian writes.
function snippetNodes(snippet) {
  const decode = (t) => t.replace(/&(amp|lt|gt|quot|#39|apos);/g, (m, n) =>
    ({ amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", apos: "'" })[n]);
  const out = [];
  const parts = (snippet || "").split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === "<mark>") { marked = true; continue; }
    if (part === "</mark>") { marked = false; continue; }
    if (!part) continue;
    const text = document.createTextNode(decode(part));
    out.push(marked ? el("mark", {}, text) : text);
  }
  return out;
}

function hostOf(url) {
  try { return new URL(url).host || null; } catch (e) { return null; }
}

function filterLabel(f, labels) {
  const colon = f.indexOf(":");
  const field = f.slice(0, colon), value = f.slice(colon + 1);
  return (FACET_TITLES[field] ? FACET_TITLES[field].replace(/s$/, "") : field) + ": " +
    (labels[value] || value);
}

async function fetchJson(params) {
  const r = await fetch("search?" + params.toString(), { headers: { Accept: "application/json" } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
  return body;
}

// Concept labels seen in facets, by URI, so that chips can name concepts.
const conceptLabels = {};
// The latest search asked for: an answer to an earlier one that arrives later is dropped,
// so that the page never shows results for a query other than the one in the URL.
let generation = 0;

async function render() {
  const s = readState();
  document.getElementById("q").value = s.q;
  document.getElementById("sort").value = s.sort;
  const status = document.getElementById("status");
  const suggest = document.getElementById("suggest");
  const hitsEl = document.getElementById("hits");
  const facetsEl = document.getElementById("facets");
  const chipsEl = document.getElementById("chips");

  const params = new URLSearchParams();
  params.set("q", s.q);
  params.set("sort", s.sort);
  params.set("limit", String(PAGE_SIZE));
  params.set("offset", String((s.page - 1) * PAGE_SIZE));
  for (const f of s.filters) params.append("filter", f);
  for (const f of FACETS) params.append("facet", f === "year" ? "year" : f + ":12");
  for (const c of s.open) params.append("facet", "concept:" + c + ":20");

  status.textContent = "Searching\u2026";
  const mine = ++generation;
  let res;
  try {
    res = await fetchJson(params);
  } catch (e) {
    if (mine !== generation) return;
    status.textContent = "The search failed: " + e.message;
    hitsEl.replaceChildren();
    return;
  }
  if (mine !== generation) return;
  for (const list of Object.entries(res.facets)) {
    if (list[0].startsWith("concept"))
      for (const v of list[1]) conceptLabels[v.value] = v.label || v.value;
  }

  status.textContent = res.total === 1 ? "1 article" : res.total.toLocaleString() + " articles";
  if (res.total > 0) {
    // The whole result set, as the service exports it.
    const whole = new URLSearchParams();
    whole.set("q", s.q);
    for (const f of s.filters) whole.append("filter", f);
    status.append(" \u00b7 download all: ",
      el("a", { class: "export", href: "search?" + whole + "&format=csv" }, "CSV"), " ",
      el("a", { class: "export", href: "search?" + whole + "&format=jsonl" }, "JSON Lines"));
  }
  if (res.corrected_query) {
    suggest.hidden = false;
    suggest.replaceChildren("Did you mean ",
      el("a", { href: stateUrl({ ...s, q: res.corrected_query, page: 1 }), onclick: (ev) => {
        ev.preventDefault(); go({ ...s, q: res.corrected_query, page: 1 });
      } }, res.corrected_query), "?");
  } else {
    suggest.hidden = true;
  }

  chipsEl.replaceChildren(...s.filters.map((f) => el("button", {
    class: "chip", type: "button", title: "Remove this filter", "data-filter": f,
    onclick: () => go({ ...s, page: 1, filters: s.filters.filter((x) => x !== f) }),
  }, filterLabel(f, conceptLabels))));

  hitsEl.replaceChildren(...res.hits.map((h) => {
    const meta = [h.date, (h.authors || []).join(", "), hostOf(h.url), h.section]
      .filter((x) => x).join(" \u00b7 ");
    // A page of a web archive: when and how often it was captured, and its archived copy.
    const archived = h.capture ? el("p", { class: "capture" },
      h.replay_url ? el("a", { class: "replay", href: h.replay_url },
        "Archived copy of " + h.capture.date.slice(0, 10))
        : "Captured " + h.capture.date.slice(0, 10),
      h.captures > 1 ? " \u00b7 " + h.captures + " captures, " +
        h.first_captured.slice(0, 10) + " to " + h.last_captured.slice(0, 10) : "") : null;
    return el("li", { class: "hit" },
      el("h3", {}, el("a", { href: h.url || "#" }, h.title || "(untitled)")),
      el("p", { class: "meta" }, meta),
      ...(archived ? [archived] : []),
      el("p", { class: "snippet" }, ...snippetNodes(h.snippet)));
  }));

  // Facets: a list per field; the concept tree opens one level at a time.
  const toggle = (field, value) => {
    const f = field + ":" + value;
    const filters = s.filters.includes(f) ? s.filters.filter((x) => x !== f)
      : s.filters.concat([f]);
    go({ ...s, page: 1, filters });
  };
  const item = (field, v, extra) => {
    const on = s.filters.includes(field + ":" + v.value);
    return el("li", {},
      el("button", { class: "facet" + (on ? " on" : ""), type: "button",
        "data-field": field, "data-value": v.value, "aria-pressed": on ? "true" : "false",
        onclick: () => toggle(field, v.value) },
      el("span", {}, v.label || v.value), el("span", { class: "count" }, v.count)), extra);
  };
  const conceptList = (values) => el("ul", {}, ...values.map((v) => {
    const opened = s.open.includes(v.value);
    const children = res.facets["concept:" + v.value];
    const li = item("concept", v, opened && children && children.length
      ? conceptList(children) : null);
    li.className = "concept-item";
    li.prepend(el("button", { class: "chip-open", type: "button",
      "aria-label": (opened ? "Close " : "Open ") + (v.label || v.value),
      "data-open": v.value,
      onclick: () => go({ ...s, open: opened ? s.open.filter((c) => c !== v.value)
        : s.open.concat([v.value]) }) }, opened ? "\u25be" : "\u25b8"));
    return li;
  }));
  const sections = [];
  for (const field of FACETS) {
    const values = res.facets[field] || [];
    if (!values.length) continue;
    let body;
    if (field === "concept") {
      body = conceptList(values);
    } else if (field === "year") {
      const max = Math.max(...values.map((v) => v.count));
      body = el("ul", { class: "histogram" }, ...values.map((v) => {
        const li = item(field, v);
        const button = li.querySelector("button");
        // Set through the CSSOM: the page's Content-Security-Policy refuses style attributes.
        const bar = el("span", { class: "barfill" });
        bar.style.width = Math.max(2, Math.round(100 * v.count / max)) + "%";
        button.replaceChildren(el("span", {}, v.value), bar, el("span", { class: "count" }, v.count));
        return li;
      }));
    } else {
      body = el("ul", {}, ...values.map((v) => item(field, v)));
    }
    sections.push(el("section", { "data-facet": field }, el("h2", {}, FACET_TITLES[field]), body));
  }
  facetsEl.replaceChildren(...sections);

  const pager = document.getElementById("pager");
  const pages = Math.ceil(res.total / PAGE_SIZE);
  pager.replaceChildren();
  if (pages > 1) {
    if (s.page > 1)
      pager.append(el("button", { type: "button", rel: "prev",
        onclick: () => go({ ...s, page: s.page - 1 }) }, "\u2190 Previous page"));
    pager.append(el("span", {}, "Page " + s.page + " of " + pages));
    if (s.page < pages)
      pager.append(el("button", { type: "button", rel: "next",
        onclick: () => go({ ...s, page: s.page + 1 }) }, "Next page \u2192"));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const s = readState();
    go({ ...s, q: document.getElementById("q").value.trim(),
      sort: document.getElementById("sort").value, page: 1 });
  });
  document.getElementById("sort").addEventListener("change", () => {
    const s = readState();
    go({ ...s, sort: document.getElementById("sort").value, page: 1 });
  });
  window.addEventListener("popstate", render);
  render();
});
