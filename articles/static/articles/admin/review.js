/* The review queue from the keyboard: move, decide, undo, correct a speaker, open in context.
   Every action posts to the same endpoints as the page's forms, asking for JSON. */
(function () {
  "use strict";
  const root = document.getElementById("pa-review");
  const queue = document.getElementById("pa-queue");
  if (!root || !queue) return;
  const status = document.getElementById("pa-review-status");
  const csrf = document.querySelector("#pa-review-form [name=csrfmiddlewaretoken]").value;
  const speakerForm = document.getElementById("pa-speaker-form");
  const speakerName = document.getElementById("pa-speaker-name");
  const UNDO_MS = 8000;
  let current = 0;
  let last = null; // {tokens, items}
  let undoTimer = null;

  const live = () => Array.from(queue.querySelectorAll(".pa-item:not([hidden])"));

  function focusAt(index) {
    const items = live();
    if (!items.length) {
      say(gettext("Nothing waits for a decision."));
      return;
    }
    current = Math.max(0, Math.min(index, items.length - 1));
    items.forEach((item, i) => item.classList.toggle("pa-current", i === current));
    items[current].focus();
  }

  function say(message, undoable) {
    status.textContent = message;
    if (undoable) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button pa-undo";
      button.textContent = root.dataset.undoLabel;
      button.addEventListener("click", undo);
      status.append(" ", button);
      clearTimeout(undoTimer);
      undoTimer = setTimeout(() => { last = null; button.remove(); }, UNDO_MS);
    }
  }

  function post(url, fields) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    fields.forEach(([name, value]) => body.append(name, value));
    return fetch(url, { method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => response.json().then((data) => ({ ok: response.ok, data })));
  }

  function fieldsOf(item) {
    return item.dataset.kind === "link"
      ? [["link", item.dataset.id]]
      : [["statement", item.dataset.id + ":" + item.dataset.version]];
  }

  function decide(decision, bulk) {
    const items = bulk ? live().filter((item) => item.querySelector("input[type=checkbox]").checked) : [live()[current]];
    if (!items.length || !items[0]) return;
    const fields = [["decision", decision]];
    items.forEach((item) => fields.push(...fieldsOf(item)));
    post(root.dataset.decide, fields).then(({ ok, data }) => {
      if (!ok) { say(data.error); return; }
      items.forEach((item) => {
        if (item.dataset.kind === "statement") item.dataset.version = data.versions[item.dataset.id];
        item.hidden = true;
        item.querySelector("input[type=checkbox]").checked = false;
      });
      last = { tokens: data.undo, items };
      say(data.message, true);
      focusAt(current);
    });
  }

  function undo() {
    if (!last) return;
    const { tokens, items } = last;
    last = null;
    post(root.dataset.undo, tokens.map((token) => ["token", token])).then(({ ok, data }) => {
      if (!ok) { say(data.error); return; }
      items.forEach((item) => {
        if (item.dataset.kind === "statement") item.dataset.version = String(Number(item.dataset.version) + 1);
        item.hidden = false;
      });
      say(data.message);
      focusAt(live().indexOf(items[0]));
    });
  }

  function editSpeaker() {
    const item = live()[current];
    if (!item || item.dataset.kind !== "statement") return;
    speakerForm.hidden = false;
    item.append(speakerForm);
    speakerName.value = item.querySelector(".pa-speaker").textContent.trim();
    speakerName.select();
    speakerName.focus();
  }

  speakerForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const item = speakerForm.closest(".pa-item");
    post(root.dataset.speaker, [["statement", item.dataset.id + ":" + item.dataset.version], ["name", speakerName.value]])
      .then(({ ok, data }) => {
        if (!ok) { say(data.error); return; }
        item.dataset.version = data.version;
        item.querySelector(".pa-speaker").textContent = data.speaker;
        item.querySelector("input[type=checkbox]").value = item.dataset.id + ":" + data.version;
        speakerForm.hidden = true;
        root.append(speakerForm);
        say(data.message);
        focusAt(current);
      });
  });

  speakerName.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      speakerForm.hidden = true;
      root.append(speakerForm);
      focusAt(current);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select, .select2-container") || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    const actions = {
      j: () => focusAt(current + 1), ArrowDown: () => focusAt(current + 1),
      k: () => focusAt(current - 1), ArrowUp: () => focusAt(current - 1),
      c: () => decide("confirm", false), C: () => decide("confirm", true),
      r: () => decide("reject", false), R: () => decide("reject", true),
      u: undo, e: editSpeaker,
      o: () => { const item = live()[current]; if (item) window.location = item.querySelector(".pa-open").href; },
      x: () => { const box = live()[current] && live()[current].querySelector("input[type=checkbox]"); if (box) box.checked = !box.checked; },
    };
    if (actions[key]) {
      event.preventDefault();
      actions[key]();
    }
  });

  queue.addEventListener("click", (event) => {
    const item = event.target.closest(".pa-item");
    if (item) current = live().indexOf(item);
  });

  focusAt(0);
})();
