/* Annotate an article: select text to make a statement, click a highlight to review it.
 *
 * The body element's text is exactly article.body (white-space: pre-wrap), so an offset in
 * its text is an offset in the body. The server counts code points (Python), JavaScript
 * counts UTF-16 units: offsets are converted at the edges, with toUnit / toPoint.
 * Plain script, no build step, no inline code: it runs under the admin's strict CSP.
 */
"use strict";
(function () {
  const dataNode = document.getElementById("pa-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const body = data.body;
  const urls = data.urls;
  let statements = data.statements;

  const $ = (id) => document.getElementById(id);
  const bodyEl = $("pa-body");
  const form = $("pa-form");
  const panels = { create: $("pa-new"), statement: $("pa-statement") };
  const jq = window.django && window.django.jQuery;
  const gettext = window.gettext || ((text) => text);

  // Code point offset -> UTF-16 unit offset, and back.
  const unitAt = [0];
  const pointAt = new Array(body.length + 1);
  {
    let units = 0, points = 0;
    pointAt[0] = 0;
    for (const ch of body) {
      units += ch.length;
      points += 1;
      unitAt.push(units);
      pointAt[units] = points;
      if (ch.length === 2) pointAt[units - 1] = points;
    }
  }
  const toUnit = (point) => unitAt[point];
  const toPoint = (unit) => pointAt[unit];

  let pending = null;   // {start, end} in units, for a new statement
  let current = null;   // the statement shown in the panel
  let editing = null;   // the statement being edited
  let returnFocus = null;

  /* Rendering: the body as text nodes and one <mark> per stretch covered by statements. */
  function render() {
    const shown = statements.filter((s) => s.anchored);
    const cuts = new Set([0, body.length]);
    for (const s of shown) { cuts.add(toUnit(s.start)); cuts.add(toUnit(s.end)); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i], b = points[i + 1];
      const text = body.slice(a, b);
      const covering = shown.filter((s) => toUnit(s.start) <= a && toUnit(s.end) >= b);
      if (!covering.length) { fragment.appendChild(document.createTextNode(text)); continue; }
      // The shortest covering statement is the one a click on this stretch means.
      const s = covering.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
      const mark = document.createElement("mark");
      mark.className = "pa-q pa-q--" + s.status + (covering.length > 1 ? " pa-q--nested" : "");
      mark.dataset.id = s.id;
      mark.setAttribute("role", "button");
      mark.tabIndex = toUnit(s.start) === a ? 0 : -1;
      mark.setAttribute("aria-label", label(s));
      mark.textContent = text;
      fragment.appendChild(mark);
    }
    bodyEl.replaceChildren(fragment);
    renderWithdrawn();
    renderList();
  }

  /* The article's statements beside the text, in reading order, redrawn with the highlights:
     each opens the statement, as its highlight does. */
  function renderList() {
    const shown = statements.filter((s) => s.anchored).sort((x, y) => x.start - y.start || x.end - y.end);
    $("pa-list-count").textContent = String(shown.length);
    $("pa-list-items").replaceChildren(...shown.map((s) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "pa-list-item pa-q--" + s.status;
      button.dataset.id = s.id;
      if (current && current.id === s.id) button.setAttribute("aria-current", "true");
      const who = document.createElement("strong");
      who.textContent = s.speaker ? s.speaker.name : gettext("no speaker");
      const state = document.createElement("span");
      state.className = "pa-list-status";
      state.textContent = s.status_label;
      const text = document.createElement("span");
      text.textContent = s.text.length > 90 ? s.text.slice(0, 89) + "…" : s.text;
      button.append(who, " · ", state, document.createElement("br"), text);
      button.addEventListener("click", () => { returnFocus = button; openStatement(s); renderList(); });
      item.append(button);
      return item;
    }));
  }

  /* Withdrawn statements: their text is gone from the body; a selection can take them back. */
  function renderWithdrawn() {
    const gone = statements.filter((s) => !s.anchored);
    $("pa-withdrawn").hidden = !gone.length;
    $("pa-withdrawn-list").replaceChildren(...gone.map((s) => {
      const item = document.createElement("li");
      item.textContent = s.status_label + ": " + s.text;
      return item;
    }));
    $("pa-attach-choice").replaceChildren(...gone.map((s) => new Option(s.text.slice(0, 90), s.id)));
    $("pa-attach").hidden = !gone.length || !pending;
  }

  function label(s) {
    const who = s.speaker ? s.speaker.name : gettext("no speaker");
    return s.status_label + ", " + who + ": " + s.text.slice(0, 80);
  }

  /* Selections: DOM range <-> unit offsets in the body. */
  function offsetOf(node, offset) {
    const range = document.createRange();
    range.setStart(bodyEl, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function positionAt(unit) {
    const walker = document.createTreeWalker(bodyEl, NodeFilter.SHOW_TEXT);
    let seen = 0, node;
    while ((node = walker.nextNode())) {
      if (seen + node.length >= unit) return [node, unit - seen];
      seen += node.length;
    }
    return [bodyEl, bodyEl.childNodes.length];
  }

  function select(start, end) {
    const range = document.createRange();
    range.setStart(...positionAt(start));
    range.setEnd(...positionAt(end));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    const node = range.startContainer.parentElement || bodyEl;
    node.scrollIntoView({ block: "center" });
  }

  function trimmed(start, end) {
    while (start < end && /\s/.test(body[start])) start++;
    while (end > start && /\s/.test(body[end - 1])) end--;
    return start < end ? { start, end } : null;
  }

  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!bodyEl.contains(range.startContainer) || !bodyEl.contains(range.endContainer)) return null;
    return trimmed(offsetOf(range.startContainer, range.startOffset), offsetOf(range.endContainer, range.endOffset));
  }

  /* Sentences, for selecting from the keyboard. */
  const sentences = [];
  for (const m of body.matchAll(/[^.!?…\n]+(?:[.!?…]+["'”’»)\]]*)?/g)) {
    const span = trimmed(m.index, m.index + m[0].length);
    if (span) sentences.push(span);
  }
  let cursor = -1;

  function selectSentence(step, extend) {
    if (!sentences.length) return;
    const span = selectedSpan();
    const next = Math.max(0, Math.min(sentences.length - 1, cursor + step));
    const start = extend && span ? span.start : sentences[next].start;
    cursor = next;
    select(start, sentences[next].end);
    say(gettext("Selected: ") + body.slice(start, sentences[next].end).slice(0, 120) + " " +
        gettext("(Enter: make it a statement)"));
  }

  /* The panel. */
  function say(message) { $("pa-status").textContent = message; }

  function showError(message) {
    const node = $("pa-error");
    node.textContent = message || "";
    node.hidden = !message;
  }

  function show(which) {
    for (const [name, node] of Object.entries(panels)) node.hidden = name !== which;
  }

  function close() {
    show(null);
    pending = editing = current = null;
    showError("");
    if (returnFocus) returnFocus.focus();
  }

  function setChoices(select, items) {
    select.replaceChildren(...items.map((item) => new Option(item.name, item.id, true, true)));
    if (jq) jq(select).trigger("change");
  }

  function fillForm(s) {
    setChoices(form.elements.speaker, s && s.speaker ? [s.speaker] : []);
    setChoices(form.elements.directives, s ? s.directives : []);
    form.elements.new_speaker.value = "";
    form.elements.kind.value = s ? s.kind : "reported";
    form.elements.note.value = s ? s.note : "";
  }

  function openNew(span) {
    returnFocus = document.activeElement === bodyEl ? bodyEl : null;
    pending = span;
    editing = null;
    const title = $("pa-new-title");
    title.textContent = title.dataset.new;
    $("pa-selected").textContent = body.slice(span.start, span.end);
    fillForm(null);
    showError("");
    show("create");
    renderWithdrawn();
    title.focus();
  }

  function openEdit(s) {
    pending = null;
    editing = s;
    const title = $("pa-new-title");
    title.textContent = title.dataset.edit;
    $("pa-selected").textContent = s.text;
    fillForm(s);
    $("pa-attach").hidden = true;
    show("create");
    title.focus();
  }

  function openStatement(s, keepMessage) {
    current = s;
    if (!keepMessage) showError("");
    $("pa-statement-text").textContent = s.text;
    $("pa-f-speaker").textContent = s.speaker ? s.speaker.name : "—";
    $("pa-f-kind").textContent = s.kind_label;
    $("pa-f-status").textContent = s.status_label;
    $("pa-f-directives").textContent = s.directives.map((d) => d.name).join("; ") || "—";
    $("pa-f-note").textContent = s.note || "—";
    $("pa-f-version").textContent = s.version;
    $("pa-confirm").disabled = s.status === "confirmed";
    $("pa-reject").disabled = s.status === "rejected";
    $("pa-open").href = urls.change.replace("/0/", "/" + s.id + "/");
    show("statement");
    $("pa-statement-title").focus();
  }

  /* Talking to the server. */
  async function post(url, fields) {
    const payload = fields instanceof FormData ? fields : new FormData();
    if (!(fields instanceof FormData)) for (const [k, v] of Object.entries(fields)) payload.append(k, v);
    const token = form.elements.csrfmiddlewaretoken.value;
    const response = await fetch(url, {
      method: "POST", body: payload, credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Accept": "application/json" },
    });
    let answer = {};
    try { answer = await response.json(); } catch (e) { answer = { error: response.statusText }; }
    return { status: response.status, answer };
  }

  function urlFor(template, id) { return template.replace("/statements/0/", "/statements/" + id + "/"); }

  function store(s) {
    const i = statements.findIndex((x) => x.id === s.id);
    if (i >= 0) statements[i] = s; else statements.push(s);
    render();
  }

  function failed({ status, answer }) {
    if (status === 409 && answer.current) {
      // Refused: someone saved first. Show the version now stored; acting again starts from it.
      store(answer.current);
      openStatement(answer.current, true);
    } else if (status === 409) {
      statements = statements.filter((s) => !current || s.id !== current.id);
      render();
      close();
    }
    const details = answer.errors ? Object.values(answer.errors).flat().join(" ") : "";
    showError((answer.error || gettext("Not saved.")) + (details ? " " + details : ""));
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    let result;
    if (editing) {
      fields.append("version", editing.version);
      result = await post(urlFor(urls.update, editing.id), fields);
    } else if (pending) {
      fields.append("start", toPoint(pending.start));
      fields.append("end", toPoint(pending.end));
      fields.append("text", body.slice(pending.start, pending.end));
      result = await post(urls.create, fields);
    } else {
      return;
    }
    if (result.status !== 200 && result.status !== 201) { failed(result); return; }
    const saved = result.answer.statement;
    store(saved);
    pending = editing = null;
    say(gettext("Saved: ") + saved.text.slice(0, 80));
    openStatement(saved);
  });

  async function decide(status) {
    if (!current) return;
    const result = await post(urlFor(urls.decide, current.id), { status, version: current.version });
    if (result.status !== 200) { failed(result); return; }
    store(result.answer.statement);
    say(result.answer.statement.status_label + ": " + result.answer.statement.text.slice(0, 80));
    openStatement(result.answer.statement);
  }

  $("pa-attach-save").addEventListener("click", async () => {
    const s = statements.find((x) => String(x.id) === $("pa-attach-choice").value);
    if (!pending || !s) return;
    const result = await post(urlFor(urls.attach, s.id), {
      start: toPoint(pending.start), end: toPoint(pending.end),
      text: body.slice(pending.start, pending.end), version: s.version,
    });
    if (result.status !== 200) { failed(result); return; }
    const saved = result.answer.statement;
    pending = null;
    store(saved);
    say(gettext("Attached: ") + saved.text.slice(0, 80));
    openStatement(saved);
  });

  $("pa-confirm").addEventListener("click", () => decide("confirmed"));
  $("pa-reject").addEventListener("click", () => decide("rejected"));
  $("pa-edit").addEventListener("click", () => current && openEdit(current));
  $("pa-cancel").addEventListener("click", close);

  function statementOf(target) {
    const mark = target.closest && target.closest("mark.pa-q");
    return mark ? statements.find((s) => String(s.id) === mark.dataset.id) : null;
  }

  bodyEl.addEventListener("mouseup", () => {
    const span = selectedSpan();
    if (span) openNew(span);
  });

  bodyEl.addEventListener("click", (event) => {
    if (selectedSpan()) return;
    const s = statementOf(event.target);
    if (s) { returnFocus = event.target; openStatement(s); }
  });

  bodyEl.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const s = statementOf(event.target);
    if (s && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      returnFocus = event.target;
      openStatement(s);
    } else if (event.key === "n" || event.key === "N") {
      event.preventDefault();
      selectSentence(1, event.shiftKey);
    } else if (event.key === "p") {
      event.preventDefault();
      selectSentence(-1, false);
    } else if (event.key === "Enter") {
      const span = selectedSpan();
      if (span) { event.preventDefault(); openNew(span); }
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !Object.values(panels).every((p) => p.hidden)) {
      if (document.querySelector(".select2-container--open")) return;
      close();
    }
  });

  render();
})();
