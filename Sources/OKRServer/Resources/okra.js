// Okra's own small enhancements. Every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // A select marked data-autosubmit submits its form on change (the button stays for keyboard and no-JS use).
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  // Expand-all for the alignment map's collapsible tree.
  const expand = document.querySelector("[data-expand-all]");
  if (expand) {
    expand.addEventListener("click", () => {
      for (const d of document.querySelectorAll(".map-tree details")) d.open = true;
    });
  }
});
// Live quality findings in the objective editor: after a pause in typing, the form as it stands (csrf field
// included) is posted to /objectives/check, and the findings it answers replace those in #findings. The
// section itself stays, so screen readers announce the change through its aria-live. Saving works without this.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-findings]");
  const section = document.getElementById("findings");
  if (!form || !section) return;
  let timer = 0;
  let latest = 0;
  const check = async () => {
    const ticket = ++latest;
    try {
      const response = await fetch(form.dataset.findings, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(new FormData(form)).toString(),
      });
      if (!response.ok || ticket !== latest) return;
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      const fresh = holder.querySelector("#findings");
      if (fresh && ticket === latest) section.innerHTML = fresh.innerHTML;
    } catch (error) {
      // Offline or the server restarting: the findings come back with the next keystroke or on save.
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  };
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
});
// Print every status explanation: a closed <details> hides its content even in print, so open them for the
// printout and close again those that were closed.
(() => {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details.status:not([open])")];
    for (const d of opened) d.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const d of opened) d.open = false;
    opened = [];
  });
})();
