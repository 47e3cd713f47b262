/* A link's evidence page: a accepts, g accepts and groups, r rejects, from the keyboard. */
(function () {
  "use strict";
  const form = document.getElementById("pa-evidence-form");
  if (!form) return;
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
    const button = document.getElementById({ a: "pa-accept", g: "pa-group", r: "pa-reject" }[event.key]);
    if (!button) return;
    event.preventDefault();
    form.requestSubmit(button);
  });
})();
