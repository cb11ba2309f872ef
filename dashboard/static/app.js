// unisynth dashboard: one page, routed by the URL hash, drawing what /api returns.
// Routes: #/d/NAME (overview), #/d/NAME/samples?filters, #/d/NAME/sample?id=..&row=..,
// #/d/NAME/sessions, #/d/NAME/sessions/SID, #/d/NAME/agreement.
// DOM is built with h() and textContent only: dataset strings never become markup.
"use strict";

const state = { datasets: [], keys: null };

// ---------------------------------------------------------------------------
// Helpers.

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "on") for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === "width%") el.style.width = `${Math.max(0, Math.min(100, v))}%`;
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false)
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = !message;
}

async function api(path, options = {}) {
  const init = { headers: { Accept: "application/json" }, credentials: "same-origin", ...options };
  if (options.json !== undefined) {
    init.method = init.method || "POST";
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.json);
  }
  const response = await fetch(path, init);
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const error = new Error((body && body.error) || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

const fmt = {
  num(x, digits = 4) {
    if (x === null || x === undefined) return "";
    if (typeof x === "number" && !Number.isInteger(x)) return Number(x.toPrecision(digits)).toString();
    return String(x);
  },
  pct(x) { return x === null || x === undefined ? "" : `${(100 * x).toFixed(1)}%`; },
  time(iso) { return iso ? iso.replace("T", " ").slice(0, 19) : ""; },
};

function ds(path) { return `/api/datasets/${encodeURIComponent(state.name)}${path}`; }
function qs(params) { return new URLSearchParams(params).toString(); }
function route(view, params) {
  const p = params ? `?${qs(params)}` : "";
  return `#/d/${encodeURIComponent(state.name)}${view ? "/" + view : ""}${p}`;
}
function auditor() { return document.getElementById("auditor").value.trim(); }

function table(headers, rows) {
  return h("table", {}, h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c))))));
}

function bar(share, cls = "") {
  return h("div", { class: `bar ${cls}` }, h("span", { "width%": 100 * (share || 0) }));
}

function jsonBlock(value) {
  return h("pre", { class: "json" }, value === null || value === undefined ? "null"
    : typeof value === "string" ? value : JSON.stringify(value, null, 2));
}

function verdictBadge(verdict) { return h("span", { class: `badge verdict-${verdict}` }, verdict); }
function labelBadge(label) {
  return label ? h("span", { class: `badge label-${label.label}`, title: `${label.auditor} ${fmt.time(label.time)}` },
    label.label) : null;
}

// ---------------------------------------------------------------------------
// Router.

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query || "") };
}

async function render() {
  showError("");
  state.keys = null;
  const { parts, params } = parseHash();
  if (parts[0] !== "d" || !parts[1]) {
    if (state.datasets.length) location.replace(`#/d/${encodeURIComponent(state.datasets[0].name)}`);
    return;
  }
  state.name = parts[1];
  document.getElementById("dataset").value = state.name;
  const view = parts[2] || "overview";
  for (const a of document.querySelectorAll("#nav a")) {
    a.href = route(a.dataset.view === "overview" ? "" : a.dataset.view);
    a.classList.toggle("active", a.dataset.view === view || (view === "sample" && a.dataset.view === "samples"));
  }
  const main = document.getElementById("view");
  const views = { overview: viewOverview, samples: viewGrid, sample: viewSample, sessions: viewSessions,
    agreement: viewAgreement };
  const draw = parts[2] === "sessions" && parts[3] ? (p) => viewSession(parts[3], p) : views[view];
  if (!draw) { main.replaceChildren(h("p", {}, `no page ${view}`)); return; }
  try {
    const content = await draw(params);
    if (content) main.replaceChildren(content);
  } catch (err) {
    main.replaceChildren(h("p", { class: "muted" }, "could not load this page"));
    showError(err.message);
  }
}

document.addEventListener("keydown", (event) => {
  if (event.key === "?" && !isTyping(event.target)) { document.getElementById("help").showModal(); return; }
  if (state.keys && !event.ctrlKey && !event.metaKey && !event.altKey) state.keys(event);
});

const TEXT_INPUTS = new Set(["text", "search", "number", "password", "email", ""]);

function isTyping(target) {
  // Keys typed into a text box are text; on a slider or a checkbox they are still shortcuts.
  if (!target) return false;
  if (target.tagName === "INPUT") return TEXT_INPUTS.has(target.type || "");
  return target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}

// ---------------------------------------------------------------------------
// Overview.

function passTable(rows, keys) {
  return table([...keys, "rows", "keep", "reject", "error", "unjudged", "pass rate", ""], rows.map((r) => [
    ...keys.map((k) => r[k] === "" ? "(none)" : r[k]), r.rows, r.keep, r.reject, r.error, r.unjudged,
    fmt.pct(r.pass_rate), bar(r.pass_rate, "pass")]));
}

async function viewOverview() {
  const o = await api(ds("/overview"));
  const out = h("div", { class: "overview" },
    h("h1", {}, o.dataset),
    h("p", { class: "muted" }, `${o.uri} · version ${o.version} · ${o.rows} rows in ${o.fragments} fragments`,
      o.ledger ? ` · rejected rows in ${o.ledger}` : "", o.code_version ? ` · code ${o.code_version}` : ""),
    h("div", { class: "tiles" },
      h("div", { class: "tile" }, h("b", {}, o.total), " rows"),
      Object.entries(o.verdicts).map(([v, n]) => h("a", { class: `tile verdict-${v}`,
        href: route("samples", { verdict: v }) }, h("b", {}, n), ` ${v}`)),
      h("a", { class: "tile", href: route("agreement") }, h("b", {}, o.audits.rows), " audit labels")),
    h("h2", {}, "Filter funnel"),
    o.funnel.length ? table(["filter", "entered", "kept", "rejected", "unjudged", "scored", ""],
      o.funnel.map((f) => [f.filter, f.entered, f.kept, f.rejected, f.unjudged, f.scored ?? "",
        bar(f.entered ? f.kept / f.entered : 0, "pass")])) : h("p", {}, "no filters"),
    o.top_rejection_reasons.length ? [h("h3", {}, "Top rejection reasons"),
      table(["reason", "rows", "examples"], o.top_rejection_reasons.map((r) => [r.reason, r.count,
        h("span", {}, r.examples.map((id) => h("a", { href: route("sample", { id }), class: "id" }, id)))]))] : null,
    h("h2", {}, "Pass rates"),
    h("div", { class: "grid2" },
      h("section", {}, h("h3", {}, "by generator"), passTable(o.pass_rates.by_generator, ["generator"]),
        h("h3", {}, "by task"), passTable(o.pass_rates.by_task, ["task"])),
      h("section", {}, h("h3", {}, "by generator and template"),
        passTable(o.pass_rates.by_generator_template, ["generator", "template"]))),
    h("div", { class: "grid2" },
      h("section", { id: "by-font" }, h("h3", {}, "by font (headline)"), h("p", { class: "muted" }, "loading…")),
      h("section", { id: "by-language" }, h("h3", {}, "by language"), h("p", { class: "muted" }, "loading…"))),
    h("h2", {}, "Scores"),
    table(["column", "filter", "count", "mean", "min", "p50", "max", "threshold"],
      Object.entries(o.scores).map(([c, s]) => [c, s.filter || "", s.count, fmt.num(s.mean), fmt.num(s.min),
        fmt.num(s.quantiles.p50), fmt.num(s.max), s.threshold ? `rejects ${s.threshold.op} ${s.threshold.value}` : ""])),
    h("div", { class: "charts" }, o.charts.map((c) => h("img", { src: ds(`/charts/${encodeURIComponent(c)}`),
      alt: c, loading: "lazy" }))),
    h("h2", {}, `Lance versions (${o.versions.count})`),
    table(["version", "time", "rows"], o.versions.latest.map((v) => [v.version, v.timestamp, v.rows ?? ""])));
  for (const by of ["font", "language"]) {
    api(ds(`/breakdown?by=${by}`)).then((b) => {
      const section = out.querySelector(`#by-${by}`);
      section.replaceChildren(section.firstChild, passTable(b.rows, [by]));
    }).catch((err) => showError(err.message));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Grid.

const GRID_KEYS = ["generator", "template", "task", "verdict", "q", "score"];

function gridParams(params) {
  const out = new URLSearchParams();
  for (const k of GRID_KEYS) for (const v of params.getAll(k)) if (v !== "") out.append(k, v);
  return out;
}

function select(name, options, value, any = "any") {
  return h("select", { name }, h("option", { value: "" }, any),
    options.map((o) => h("option", { value: o, selected: o === value }, o)));
}

async function viewGrid(params) {
  const limit = Number(params.get("limit") || 48);
  const offset = Number(params.get("offset") || 0);
  const filters = gridParams(params);
  const [facets, page] = await Promise.all([api(ds("/facets")),
    api(ds(`/samples?${filters}&offset=${offset}&limit=${limit}`))]);
  const [scoreColumn = "", scoreMin = "", scoreMax = ""] = (params.get("score") || "::").split(":");
  const form = h("form", { class: "filters", on: { submit: (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const k of ["generator", "template", "task", "verdict", "q"]) if (data.get(k)) next.set(k, data.get(k));
    if (data.get("score_column") && (data.get("score_min") || data.get("score_max")))
      next.set("score", `${data.get("score_column")}:${data.get("score_min")}:${data.get("score_max")}`);
    next.set("limit", data.get("limit"));
    location.hash = route("samples", next);
  } } },
    select("generator", facets.generators, params.get("generator")),
    select("template", facets.templates, params.get("template")),
    select("task", facets.tasks, params.get("task")),
    select("verdict", ["keep", "reject", "error", "unjudged"], params.get("verdict")),
    h("input", { name: "q", type: "search", placeholder: "text in instruction", value: params.get("q") || "" }),
    select("score_column", facets.numeric, scoreColumn, "score…"),
    h("input", { name: "score_min", placeholder: "min", size: 6, value: scoreMin }),
    h("input", { name: "score_max", placeholder: "max", size: 6, value: scoreMax }),
    select("limit", ["24", "48", "96", "200"], String(limit), "per page"),
    h("button", { type: "submit" }, "Apply"),
    h("a", { href: route("samples") }, "clear"));

  const pages = Math.max(1, Math.ceil(page.total / limit));
  const at = Math.floor(offset / limit) + 1;
  const goto = (o) => { const p = new URLSearchParams(filters); p.set("offset", o); p.set("limit", limit);
    location.hash = route("samples", p); };
  const pager = h("div", { class: "pager" },
    h("button", { type: "button", disabled: offset <= 0, on: { click: () => goto(Math.max(0, offset - limit)) } }, "← prev"),
    h("span", {}, `page ${at} of ${pages} · ${page.total} samples · version ${page.version}`),
    h("button", { type: "button", disabled: offset + limit >= page.total, on: { click: () => goto(offset + limit) } },
      "next →"));
  const cards = page.rows.map((r, i) => {
    const ctx = new URLSearchParams(filters);
    ctx.set("id", r.id); ctx.set("row", r.row); ctx.set("i", offset + i);
    return h("a", { class: "card", href: route("sample", ctx), "data-id": r.id },
      h("img", { src: ds(`/thumb?${qs({ id: r.id, row: r.row, size: 192 })}`), alt: r.id, loading: "lazy",
        width: 192, height: 192, on: { error: (e) => e.target.classList.add("missing") } }),
      h("div", { class: "meta" }, verdictBadge(r.verdict), labelBadge(r.label), h("span", {}, r.generator),
        h("span", { class: "muted" }, r.template)),
      h("div", { class: "instruction" }, r.instruction));
  });
  state.keys = (e) => {
    if (isTyping(e.target)) return;
    if ((e.key === "ArrowRight" || e.key === "j") && offset + limit < page.total) goto(offset + limit);
    if ((e.key === "ArrowLeft" || e.key === "k") && offset > 0) goto(Math.max(0, offset - limit));
  };
  return h("div", {}, form, pager, h("div", { class: "cards" }, cards),
    page.rows.length ? null : h("p", { class: "muted" }, "no samples match"));
}

// ---------------------------------------------------------------------------
// Sample detail and labelling.

function overlaySvg(d) {
  const { width, height } = d.fields;
  const layer = svg("svg", { class: "overlay", viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none" });
  const pts = (poly) => poly.map((p) => p.join(",")).join(" ");
  for (const w of d.overlay.words) layer.append(svg("polygon", { points: pts(w.polygon), class: "word" }));
  for (const line of d.overlay.lines) {
    const tip = `${line.text}${line.read !== null ? ` | read: ${line.read} | CER ${fmt.num(line.cer, 3)}` : ""}`;
    layer.append(svg("polygon", { points: pts(line.polygon), class: `line ${line.status}` }, svg("title", {}, tip)));
  }
  for (const b of d.overlay.boxes) {
    const [x0, y0, x1, y1] = b.box;
    layer.append(svg("rect", { x: x0, y: y0, width: x1 - x0, height: y1 - y0, class: `box ${b.kind}` },
      svg("title", {}, b.name || b.kind)));
  }
  return layer;
}

function imageStage(d, imageUrl) {
  if (!d.images.image) return h("div", { class: "stage" }, h("p", { class: "muted" }, "this sample has no image"));
  const stage = h("div", { class: "stage" });
  const frame = h("div", { class: "frame" });
  const target = h("img", { src: imageUrl("image"), alt: "target image", class: "target" });
  if (d.images.source_image) {
    // Before/after: the source below, the target above, clipped to the slider's right.
    const source = h("img", { src: imageUrl("source_image"), alt: "source image", class: "source" });
    const slider = h("input", { type: "range", min: 0, max: 100, value: 50, class: "slider",
      "aria-label": "before / after" });
    const clip = () => { target.style.clipPath = `inset(0 0 0 ${slider.value}%)`; };
    slider.addEventListener("input", clip);
    clip();
    frame.append(source, target);
    if (d.images.mask) frame.append(h("img", { src: imageUrl("mask"), alt: "edit mask", class: "mask", hidden: true }));
    frame.append(overlaySvg(d));
    stage.append(frame, h("div", { class: "slider-row" }, h("span", {}, "before"), slider, h("span", {}, "after")));
  } else {
    frame.append(target, overlaySvg(d));
    stage.append(frame);
  }
  const counts = { matched: 0, missed: 0, unscored: 0, unread: 0 };
  for (const line of d.overlay.lines) counts[line.status] += 1;
  stage.append(h("p", { class: "legend" },
    h("span", { class: "key matched" }, `matched ${counts.matched}`), " ",
    h("span", { class: "key missed" }, `missed ${counts.missed}`), " ",
    counts.unscored ? h("span", { class: "key unscored" }, `unscored ${counts.unscored} `) : null,
    counts.unread ? h("span", { class: "key unread" }, `not read by OCR ${counts.unread} `) : null,
    d.overlay.boxes.length ? h("span", { class: "key object" }, `${d.overlay.boxes.length} boxes `) : null,
    h("span", { class: "muted" }, "· o: overlay", d.images.mask ? " · m: mask" : ""),
    d.overlay.note ? h("span", { class: "muted" }, ` · ${d.overlay.note}`) : null));
  return stage;
}

function historyList(entries) {
  if (!entries.length) return h("p", { class: "muted", id: "history" }, "no labels yet");
  return h("ul", { id: "history" }, entries.slice().reverse().map((e) => h("li", {}, labelBadge(e), " ",
    h("b", {}, e.auditor), ` ${fmt.time(e.time)}`, e.session ? ` · session ${e.session}` : "",
    e.note ? h("div", { class: "note" }, e.note) : null)));
}

async function neighbour(params, step) {
  // The next / previous sample of the grid query this detail was opened from.
  const i = Number(params.get("i"));
  if (!params.has("i") || i + step < 0) return null;
  const filters = gridParams(params);
  const page = await api(ds(`/samples?${filters}&offset=${i + step}&limit=1`));
  if (!page.rows.length) return null;
  const next = new URLSearchParams(filters);
  next.set("id", page.rows[0].id); next.set("row", page.rows[0].row); next.set("i", i + step);
  return route("sample", next);
}

async function viewSample(params) {
  const id = params.get("id");
  const row = params.get("row");
  const session = params.get("session");
  const query = { id };
  if (row) query.row = row;
  const [d, sess] = await Promise.all([api(ds(`/sample?${qs(query)}`)),
    session ? api(ds(`/sessions/${encodeURIComponent(session)}`)) : null]);
  const imageUrl = (column) => ds(`/image?${qs({ id: d.id, row: d.row, column })}`);
  const f = d.fields;
  const note = h("textarea", { id: "note", rows: 3, placeholder: "note (n)", maxlength: 2000 });
  const status = h("p", { id: "label-status", class: "muted" });
  const history = h("div", {}, historyList(d.audits));
  const back = session ? route(`sessions/${session}`) : route("samples", gridParams(params));

  async function label(word) {
    if (!auditor()) { showError("enter your name in the auditor box (top right) first"); document.getElementById("auditor").focus(); return; }
    status.textContent = "saving…";
    try {
      const body = { sample_id: d.id, row: d.row, label: word, auditor: auditor(), note: note.value || null };
      if (session) body.session = session;
      const result = await api(ds("/labels"), { json: body });
      status.textContent = `saved: ${word}`;
      status.className = `saved label-${word}`;
      note.value = "";
      history.replaceChildren(historyList(result.labels));
      if (session) {
        const s = await api(ds(`/sessions/${encodeURIComponent(session)}`));
        if (s.next === null) location.hash = route(`sessions/${session}`);
        else location.hash = route("sample", { id: s.items[s.next].id, row: s.items[s.next].row, session });
      }
    } catch (err) {
      status.textContent = "not saved";
      showError(err.message);
    }
  }

  async function move(step) {
    let target = null;
    if (sess) {
      const at = sess.items.findIndex((it) => it.id === d.id);
      const it = sess.items[at + step];
      if (it) target = route("sample", { id: it.id, row: it.row, session });
    } else {
      target = await neighbour(params, step);
    }
    if (target) location.hash = target;
  }

  const position = sess ? `session ${sess.session_id}: ${sess.labelled} of ${sess.items.length} labelled`
    : params.has("i") ? `sample ${Number(params.get("i")) + 1}` : "";
  const labelPanel = h("section", { class: "label-panel" },
    h("h2", {}, "Label"),
    h("div", { class: "buttons" },
      h("button", { type: "button", class: "good", on: { click: () => label("good") } }, "Good (g)"),
      h("button", { type: "button", class: "bad", on: { click: () => label("bad") } }, "Bad (b)"),
      h("button", { type: "button", class: "skip", on: { click: () => label("skip") } }, "Skip (s)")),
    note, status, h("h3", {}, "History"), history);

  const ocrLines = d.overlay.lines.filter((l) => l.read !== null || l.status !== "unread");
  const stage = imageStage(d, imageUrl);
  const out = h("div", { class: "detail" },
    h("div", { class: "detail-bar" },
      h("a", { href: back }, "← back (Esc)"),
      h("button", { type: "button", on: { click: () => move(-1) } }, "prev (k)"),
      h("button", { type: "button", on: { click: () => move(1) } }, "next (j)"),
      h("span", { class: "muted" }, position),
      h("span", { class: "id", id: "sample-id" }, d.id)),
    h("div", { class: "detail-body" },
      stage,
      h("div", { class: "side" },
        labelPanel,
        h("section", {}, h("h2", {}, "Verdict"), h("p", {}, verdictBadge(f.verdict), " ", f.reason || "")),
        h("section", {}, h("h2", {}, "Instruction"), h("p", { class: "text" }, f.instruction || ""),
          f.instruction_zh ? h("p", { class: "text muted" }, f.instruction_zh) : null),
        f.cot ? h("section", {}, h("h2", {}, "Chain of thought"), h("p", { class: "text" }, f.cot)) : null,
        d.answer !== null ? h("section", {}, h("h2", {}, "Answer"), jsonBlock(d.answer)) : null,
        h("section", {}, h("h2", {}, "Scores"), table(["column", "value"],
          Object.entries(d.scores).filter(([, v]) => v !== null).map(([k, v]) => [k, fmt.num(v)]))),
        Object.entries(d.judge_texts).filter(([, v]) => v).map(([k, v]) =>
          h("section", {}, h("h2", {}, k), h("p", { class: "text" }, v))),
        ocrLines.length ? h("section", {}, h("h2", {}, "OCR lines"), table(["", "text", "read", "CER"],
          ocrLines.map((l) => [h("span", { class: `key ${l.status}` }, l.status), l.text, l.read ?? "",
            fmt.num(l.cer, 3)]))) : null,
        h("section", {}, h("h2", {}, "Lineage"), table(["", ""], [
          ["sample", `${f.generator} ${d.lineage.generator_version} · ${f.template} · ${f.task} · seed ${f.seed}`],
          ["job", d.lineage.job], ["dataset", `${d.dataset} version ${d.version}, row ${d.row}`],
          ["code", d.lineage.code_version ?? ""], ["spec fingerprint", d.lineage.spec_fingerprint ?? ""],
          ["filters", d.lineage.filters.join(", ")], ["size", `${f.width} × ${f.height}`]])),
        h("details", {}, h("summary", {}, "Render spec"), jsonBlock(d.spec)),
        h("details", {}, h("summary", {}, "Labels JSON"), jsonBlock(d.labels)))));

  state.keys = (e) => {
    if (isTyping(e.target)) {
      if (e.key === "Escape") e.target.blur();
      return;
    }
    const k = e.key;
    if (k === "g" || k === "b" || k === "s") { e.preventDefault(); label({ g: "good", b: "bad", s: "skip" }[k]); }
    else if (k === "n") { e.preventDefault(); note.focus(); }
    else if (k === "j" || k === "ArrowRight") move(1);
    else if (k === "k" || k === "ArrowLeft") move(-1);
    else if (k === "o") out.querySelectorAll(".overlay").forEach((el) => el.classList.toggle("hidden"));
    else if (k === "m") out.querySelectorAll(".mask").forEach((el) => { el.hidden = !el.hidden; });
    else if (k === "Escape") location.hash = back;
  };
  return out;
}

// ---------------------------------------------------------------------------
// Sessions.

async function viewSessions() {
  const [list, facets] = await Promise.all([api(ds("/sessions")), api(ds("/facets"))]);
  const form = h("form", { class: "filters", on: { submit: async (e) => {
    e.preventDefault();
    if (!auditor()) { showError("enter your name in the auditor box (top right) first"); return; }
    const data = new FormData(form);
    const body = { auditor: auditor(), size: Number(data.get("size")), buckets: Number(data.get("buckets")),
      exclude_labelled: data.get("exclude") === "on" };
    if (data.get("score_column")) body.score_column = data.get("score_column");
    if (data.get("seed")) body.seed = Number(data.get("seed"));
    const filters = new URLSearchParams();
    for (const k of ["generator", "verdict"]) if (data.get(k)) filters.set(k, data.get(k));
    try {
      const s = await api(ds(`/sessions?${filters}`), { json: body });
      location.hash = route(`sessions/${s.session_id}`);
    } catch (err) { showError(err.message); }
  } } },
    h("label", {}, "samples ", h("input", { name: "size", type: "number", min: 1, max: 2000, value: 50 })),
    h("label", {}, "stratify by ", select("score_column", facets.numeric, "", "generator only")),
    h("label", {}, "buckets ", h("input", { name: "buckets", type: "number", min: 1, max: 10, value: 4 })),
    select("generator", facets.generators, "", "any generator"),
    select("verdict", ["keep", "reject", "error", "unjudged"], "", "any verdict"),
    h("label", {}, "seed ", h("input", { name: "seed", type: "number", min: 0, placeholder: "random" })),
    h("label", {}, h("input", { name: "exclude", type: "checkbox", checked: true }), " skip what I labelled"),
    h("button", { type: "submit" }, "New session"));
  return h("div", {}, h("h1", {}, "Audit sessions"),
    h("p", { class: "muted" }, "A session draws N samples at random within generator × score-bucket strata, for one auditor."),
    form,
    list.sessions.length ? table(["session", "auditor", "created", "progress", "stratified by"],
      list.sessions.map((s) => [h("a", { href: route(`sessions/${s.session_id}`) }, s.session_id), s.auditor,
        fmt.time(s.created_at), h("span", {}, `${s.labelled} / ${s.size} `, bar(s.labelled / s.size, "pass")),
        s.score_column ? `generator × ${s.score_column} (${s.buckets})` : "generator"]))
      : h("p", { class: "muted" }, "no sessions yet"));
}

async function viewSession(sessionId) {
  const s = await api(ds(`/sessions/${encodeURIComponent(sessionId)}`));
  const open = (it) => route("sample", { id: it.id, row: it.row, session: s.session_id });
  const start = s.next === null ? null : open(s.items[s.next]);
  state.keys = (e) => { if (e.key === "Enter" && start && !isTyping(e.target)) location.hash = start; };
  return h("div", {}, h("h1", {}, `Session ${s.session_id}`),
    h("p", {}, `${s.auditor} · ${s.labelled} of ${s.items.length} labelled · seed ${s.seed}`,
      s.score_column ? ` · buckets of ${s.score_column}` : ""),
    bar(s.labelled / s.items.length, "pass"),
    start ? h("p", {}, h("a", { class: "button", href: start, id: "session-continue" },
      s.labelled ? "Continue (Enter)" : "Start (Enter)")) : h("p", {}, "all done"),
    h("h2", {}, "Strata"),
    table(["generator", "bucket", "population", "drawn"], s.strata.map((x) => [x.generator, x.bucket, x.population,
      x.drawn])),
    h("h2", {}, "Items"),
    h("ol", { class: "items" }, s.items.map((it) => h("li", {}, h("a", { href: open(it), class: "id" }, it.id), " ",
      it.label ? h("span", { class: `badge label-${it.label}` }, it.label) : ""))));
}

// ---------------------------------------------------------------------------
// Agreement.

async function viewAgreement() {
  let r;
  try {
    r = await api(ds("/agreement"));
  } catch (err) {
    if (err.status === 404) return h("div", {}, h("h1", {}, "Agreement"), h("p", {}, err.message));
    throw err;
  }
  const a = r.audits;
  const kappa = (k) => k === null || k === undefined ? "n/a" : fmt.num(k, 3);  // undefined when nobody varies
  const rule = (x) => x ? `${x.rule} (κ ${kappa(x.kappa)}, acc ${fmt.num(x.accuracy, 3)})` : "";
  return h("div", {}, h("h1", {}, "Judge vs human agreement"),
    h("p", {}, `${a.overall_labels} samples with a consensus label from ${a.auditors} auditors (${a.rows} labels; `,
      `${a.ties_left_out} ties left out). `, h("a", { href: ds("/agreement.csv"), download: "", id: "csv" },
        "Download CSV")),
    h("h2", {}, "Filter decisions"),
    table(["filter", "n", "rejects", "human rejects", "accuracy", "Cohen's κ"], r.filters.map((d) => [d.filter, d.n,
      d.rejects, d.human_rejects, fmt.num(d.accuracy, 3), fmt.num(d.kappa, 3)])),
    h("h2", {}, "Score thresholds"),
    table(["column", "filter", "n", "current rule", "best rule"], r.scores.map((s) => [s.column, s.filter || "", s.n,
      rule(s.current), rule(s.best)])),
    r.rubrics.length ? [h("h2", {}, "Rubrics"), table(["rubric", "column", "n", "current", "best / note"],
      r.rubrics.map((x) => [x.rubric, x.column || "", x.n, rule(x.current), x.note || rule(x.best)]))] : null);
}

// ---------------------------------------------------------------------------
// Start.

async function start() {
  const who = document.getElementById("auditor");
  who.value = localStorage.getItem("unisynth.auditor") || "";
  who.addEventListener("input", () => localStorage.setItem("unisynth.auditor", who.value.trim()));
  who.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === "Escape") who.blur(); });
  document.getElementById("help-button").addEventListener("click", () => document.getElementById("help").showModal());
  try {
    state.datasets = await api("/api/datasets");
  } catch (err) { showError(err.message); return; }
  const picker = document.getElementById("dataset");
  picker.replaceChildren(...state.datasets.map((d) => h("option", { value: d.name }, `${d.name} (${d.rows})`)));
  picker.addEventListener("change", () => { location.hash = `#/d/${encodeURIComponent(picker.value)}`; });
  window.addEventListener("hashchange", render);
  render();
}

start();
