(() => {
  "use strict";
  const index = JSON.parse(document.getElementById("report-index").textContent);
  const { docs, rules, stages, bins } = index;
  const PAGE = 25;
  const ruleById = new Map(rules.map((r, i) => [r.id, i]));
  const stageById = new Map(stages.map((s, i) => [s.id, i]));
  const $ = (id) => document.getElementById(id);
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  };
  const pct = (x) => (x >= 0.9995 ? "100" : (x * 100).toFixed(1)) + "%";
  const tip = (r, field) => r.id + " — " + r.summary + (field ? " (moved to " + field + ")" : "");

  // State lives in the URL hash, so chart links, reloads and the back button all work.
  const DEFAULT = { rule: "", site: "", stage: "", share: "", q: "", flagged: "", sort: "name",
    dir: "asc", page: "1", doc: "" };
  function readState() {
    const params = new URLSearchParams(location.hash.slice(1));
    const state = { ...DEFAULT };
    for (const key of Object.keys(DEFAULT)) {
      if (params.has(key)) state[key] = params.get(key);
    }
    return state;
  }
  function writeState(change, reset) {
    const next = { ...(reset ? DEFAULT : readState()), ...change };
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value !== DEFAULT[key]) params.set(key, value);
    }
    const hash = "#" + params.toString();
    if (hash !== location.hash) location.hash = hash;
    else render();
  }

  function fillSelect(select, options) {
    for (const [value, label] of options) select.append(el("option", { value, textContent: label }));
  }
  const sites = [...new Set(docs.map((d) => d.site).filter(Boolean))].sort();
  fillSelect($("f-rule"), rules.map((r) => [r.id, r.id + " (" + r.documents + ")"]));
  fillSelect($("f-site"), sites.map((s) => [s, s]));
  fillSelect($("f-stage"), stages.map((s) => [s.id, s.id]));
  fillSelect($("f-share"), bins.map((label, i) => [String(i), label]));

  function matches(d, s) {
    if (s.rule && !d.rules.includes(ruleById.get(s.rule))) return false;
    if (s.site && d.site !== s.site) return false;
    if (s.stage && !d.stages.includes(stageById.get(s.stage))) return false;
    if (s.share !== "" && d.bin !== Number(s.share)) return false;
    if (s.q) {
      const q = s.q.toLowerCase();
      if (!d.name.toLowerCase().includes(q) && !d.title.toLowerCase().includes(q)) return false;
    }
    return true;
  }
  function compare(s) {
    const key = s.sort;
    const sign = s.dir === "desc" ? -1 : 1;
    return (a, b) => {
      if (s.flagged) {
        const fa = a.flags.length ? 0 : 1;
        const fb = b.flags.length ? 0 : 1;
        if (fa !== fb) return fa - fb;
      }
      const x = a[key];
      const y = b[key];
      const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? sign * c : a.n - b.n;
    };
  }

  // The documents the filters let through, in order, and the page of them on show.
  function listing(s) {
    const shown = docs.filter((d) => matches(d, s)).sort(compare(s));
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    const page = Math.min(Math.max(1, Number(s.page) || 1), pages);
    return { shown, pages, page, rows: shown.slice((page - 1) * PAGE, page * PAGE) };
  }

  // Which colour is which rule: the rules of the documents on this page, each a filter.
  function renderKey(onPage) {
    const used = [...new Set(onPage.flatMap((d) => d.rules))].sort((a, b) => a - b);
    const list = el("ul");
    for (const i of used) {
      const dot = el("span", { className: "dot" });
      dot.style.setProperty("--c", rules[i].colour);
      const button = el("button", { type: "button", title: "List documents with " + tip(rules[i]) },
        dot, rules[i].id);
      button.addEventListener("click", () => writeState({ rule: rules[i].id, page: "1" }));
      list.append(el("li", {}, button));
    }
    $("key").replaceChildren(
      el("p", { textContent: used.length
        ? "Dots under Removed: the rules that removed lines from a document, coloured as in "
          + "Removals by rule. Rules on this page:"
        : "No rule removed lines from the documents on this page." }),
      used.length ? list : "",
    );
  }

  function renderList(s, view, open) {
    const { shown, pages, page } = view;
    const rows = $("rows");
    rows.replaceChildren();
    for (const d of view.rows) {
      const dots = el("div", { className: "dots" });
      for (const i of d.rules) {
        const dot = el("span", { className: "dot", title: tip(rules[i]) });
        dot.setAttribute("aria-label", rules[i].id);
        dot.style.setProperty("--c", rules[i].colour);
        dots.append(dot);
      }
      const meter = el("span", { className: "meter" }, el("i"));
      meter.firstChild.style.width = Math.round(d.share * 100) + "%";
      const name = el("div", { className: "name", textContent: d.name, title: d.name });
      for (const flag of d.flags) name.append(el("span", { className: "flag", textContent: flag }));
      const tr = el(
        "tr",
        { className: String(d.n) === open ? "open" : "" },
        el("td", {}, name, el("div", { className: "title", textContent: d.title || "—" })),
        el("td", { className: "site", textContent: d.site || "—" }),
        el("td", { className: "num removed" }, meter, pct(d.share), dots),
        el("td", { className: "num", textContent: String(d.lines) }),
      );
      tr.dataset.doc = String(d.n);
      tr.tabIndex = 0;
      rows.append(tr);
    }
    renderKey(view.rows);
    const filters = [];
    if (s.rule) filters.push("rule " + s.rule);
    if (s.site) filters.push("site " + s.site);
    if (s.stage) filters.push("stage " + s.stage);
    if (s.share !== "") filters.push(bins[Number(s.share)] + " removed");
    if (s.q) filters.push("“" + s.q + "”");
    $("status").textContent = shown.length.toLocaleString("en") + " of " +
      docs.length.toLocaleString("en") + " documents" +
      (filters.length ? " · " + filters.join(" · ") : "");
    const prev = el("button", { type: "button", textContent: "‹ Prev", disabled: page <= 1 });
    const next = el("button", { type: "button", textContent: "Next ›", disabled: page >= pages });
    prev.addEventListener("click", () => writeState({ page: String(page - 1) }));
    next.addEventListener("click", () => writeState({ page: String(page + 1) }));
    $("pager").replaceChildren(prev, el("span", { textContent: "page " + page + " of " + pages }), next);
    for (const th of document.querySelectorAll(".docs th[data-sort]")) {
      const on = th.dataset.sort === s.sort;
      th.setAttribute("aria-sort", on ? (s.dir === "desc" ? "descending" : "ascending") : "none");
    }
    for (const bar of document.querySelectorAll(".chart .bar")) {
      const key = bar.dataset.key.slice(1).split("=");
      bar.classList.toggle("on", s[key[0]] === decodeURIComponent(key[1]));
    }
  }

  function lineNode(number, entry, spans) {
    if (entry === "") {
      return el("div", { className: "ln blank" });
    }
    const no = el("span", { className: "no", textContent: String(number) });
    if (typeof entry === "string") {
      const text = el("span", { className: "tx" });
      let cursor = 0;
      for (const [begin, end, ri] of spans) {
        text.append(entry.slice(cursor, begin));
        const cut = el("del", { className: "span", textContent: entry.slice(begin, end), title: tip(rules[ri]) });
        cut.style.setProperty("--c", rules[ri].colour);
        text.append(cut);
        cursor = end;
      }
      text.append(entry.slice(cursor));
      return el("div", { className: "ln" }, no, text);
    }
    const [content, ri, field] = entry;
    const rule = rules[ri];
    const row = el(
      "div",
      { className: "ln rm", title: tip(rule, field) },
      no,
      el(
        "span",
        {},
        el("span", { className: "tag", textContent: rule.id }),
        field ? el("span", { className: "to", textContent: "→ " + field }) : null,
        el("del", { textContent: content }),
      ),
    );
    row.style.setProperty("--c", rule.colour);
    row.dataset.rule = rule.id;
    return row;
  }

  function metaList(meta) {
    const dl = el("dl");
    const sources = meta.sources || {};
    for (const key of ["title", "authors", "published", "updated", "agency", "dateline", "site", "url", "language"]) {
      if (!(key in meta)) continue;
      const value = Array.isArray(meta[key]) ? meta[key].join(", ") : String(meta[key]);
      dl.append(
        el("dt", { textContent: key }),
        el("dd", {}, value, sources[key] ? el("small", { textContent: sources[key] }) : null),
      );
    }
    if (!dl.childElementCount) dl.append(el("dt", { textContent: "—" }), el("dd", { textContent: "no metadata" }));
    return dl;
  }

  // With a rule filter on, the first line that rule removed is scrolled into view.
  function focusRule(s) {
    const body = $("doc").querySelector(".doc-body");
    const hit = body && s.rule ? body.querySelector('.ln.rm[data-rule="' + CSS.escape(s.rule) + '"]') : null;
    if (hit) body.scrollTop = hit.offsetTop - body.offsetTop - 40;
  }

  function renderDoc(s) {
    const pane = $("doc");
    const row = s.doc === "" ? undefined : docs[Number(s.doc)];
    if (!row) {
      pane.dataset.doc = "";
      pane.replaceChildren(el("p", { className: "hint", textContent: "No document matches the filters." }));
      return;
    }
    if (pane.dataset.doc === s.doc) return;
    const detail = JSON.parse($("doc-" + row.n).textContent);
    pane.dataset.doc = s.doc;
    const counts = new Map();
    for (const entry of detail.lines) {
      if (typeof entry !== "string") counts.set(entry[1], (counts.get(entry[1]) || 0) + 1);
    }
    for (const span of detail.spans) counts.set(span[3], (counts.get(span[3]) || 0) + 1);
    const legend = el("div", { className: "legend" });
    for (const ri of [...counts.keys()].sort((a, b) => a - b)) {
      const chip = el("button", { type: "button", className: "chip", title: "List documents with " + tip(rules[ri]) },
        rules[ri].id, el("em", { textContent: "×" + counts.get(ri) }));
      chip.style.setProperty("--c", rules[ri].colour);
      chip.dataset.rule = rules[ri].id;
      chip.addEventListener("click", () => writeState({ rule: rules[ri].id, page: "1" }));
      legend.append(chip);
    }
    const spansByLine = new Map();
    for (const [line, begin, end, ri] of detail.spans) {
      if (!spansByLine.has(line)) spansByLine.set(line, []);
      spansByLine.get(line).push([begin, end, ri]);
    }
    for (const list of spansByLine.values()) list.sort((a, b) => a[0] - b[0]);
    const lines = el("div", { className: "lines" });
    const frag = document.createDocumentFragment();
    detail.lines.forEach((entry, i) => {
      const number = detail.exact ? i + 1 : "";
      frag.append(lineNode(number, entry, spansByLine.get(i + 1) || []));
    });
    lines.append(frag);
    const aside = el("aside", { className: "meta" }, el("h3", { textContent: "Article" }), metaList(detail.meta));
    if (detail.articles.length > 1) {
      for (const article of detail.articles) {
        aside.append(
          el("div", { className: "art" },
            el("h3", { textContent: "Article " + article.index + " · lines " + article.lines.join("–") }),
            metaList(article)),
        );
      }
    }
    const source = detail.source || {};
    const facts = el("dl");
    for (const [key, value] of [["path", source.path], ["format", source.format], ["encoding", source.encoding],
      ["bytes", source.bytes], ["in", row.in.toLocaleString("en") + " chars"],
      ["out", row.out.toLocaleString("en") + " chars"], ["removed", pct(row.share)]]) {
      if (value !== undefined && value !== null) facts.append(el("dt", { textContent: key }), el("dd", { textContent: String(value) }));
    }
    aside.append(el("h3", { textContent: "Source" }), facts);
    const notes = [];
    if (detail.note) notes.push(el("p", { className: "note", textContent: detail.note }));
    for (const flag of detail.flags) notes.push(el("p", { className: "note", textContent: "flagged: " + flag }));
    for (const warning of detail.warnings) notes.push(el("p", { className: "note", textContent: warning }));
    pane.replaceChildren(
      el("h2", { textContent: row.title || row.name }),
      el("p", { className: "where", textContent: row.name + (row.site ? " · " + row.site : "") }),
      ...notes,
      legend,
      el("div", { className: "doc-body" }, lines, aside),
    );
    focusRule(s);
  }

  let lastRule = null;
  function render() {
    const s = readState();
    $("f-rule").value = s.rule;
    $("f-site").value = s.site;
    $("f-stage").value = s.stage;
    $("f-share").value = s.share;
    if (document.activeElement !== $("f-q")) $("f-q").value = s.q;
    $("f-flagged").checked = Boolean(s.flagged);
    // Until one is chosen, the first document of the page is open: the pane is never empty.
    const view = listing(s);
    const open = s.doc !== "" ? s.doc : view.rows.length ? String(view.rows[0].n) : "";
    renderList(s, view, open);
    renderDoc({ ...s, doc: open });
    for (const chip of document.querySelectorAll("#doc .chip")) {
      chip.classList.toggle("on", chip.dataset.rule === s.rule);
    }
    if (s.rule !== lastRule) focusRule(s);
    lastRule = s.rule;
  }

  const onFilter = (key, value) => writeState({ [key]: value, page: "1" });
  $("f-rule").addEventListener("change", (e) => onFilter("rule", e.target.value));
  $("f-site").addEventListener("change", (e) => onFilter("site", e.target.value));
  $("f-stage").addEventListener("change", (e) => onFilter("stage", e.target.value));
  $("f-share").addEventListener("change", (e) => onFilter("share", e.target.value));
  $("f-q").addEventListener("input", (e) => onFilter("q", e.target.value));
  $("f-flagged").addEventListener("change", (e) => onFilter("flagged", e.target.checked ? "1" : ""));
  $("f-clear").addEventListener("click", () => writeState({}, true));
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  for (const th of document.querySelectorAll(".docs th[data-sort]")) {
    th.addEventListener("click", () => {
      const s = readState();
      const dir = s.sort === th.dataset.sort && s.dir === "asc" ? "desc" : "asc";
      writeState({ sort: th.dataset.sort, dir, page: "1" });
    });
  }
  $("rows").addEventListener("click", (e) => {
    const tr = e.target.closest("tr");
    if (tr) writeState({ doc: tr.dataset.doc });
  });
  $("rows").addEventListener("keydown", (e) => {
    const tr = e.target.closest("tr");
    if (!tr) return;
    if (e.key === "Enter") writeState({ doc: tr.dataset.doc });
    const step = { ArrowDown: "nextElementSibling", ArrowUp: "previousElementSibling" }[e.key];
    if (step && tr[step]) {
      e.preventDefault();
      tr[step].focus();
    }
  });
  // A chart bar starts a fresh selection: only the documents that bar concerns.
  for (const bar of document.querySelectorAll(".chart .bar")) {
    bar.addEventListener("click", (e) => {
      e.preventDefault();
      const [key, value] = bar.dataset.key.slice(1).split("=");
      writeState({ [key]: decodeURIComponent(value) }, true);
    });
  }
  window.addEventListener("hashchange", render);
  render();
})();
