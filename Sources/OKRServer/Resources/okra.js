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
      if (!fresh || ticket !== latest) return;
      section.innerHTML = fresh.innerHTML;
      // Each field's own findings go beside it, from the section's template for that field.
      for (const slot of document.querySelectorAll("[data-findings-at]")) {
        const template = fresh.querySelector(`template[data-findings-for="${CSS.escape(slot.dataset.findingsAt)}"]`);
        slot.innerHTML = template ? template.innerHTML : "";
      }
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
// Searchable lists in the editor (an owner among thousands of people, a parent among the cycle's objectives): the
// search box above a list asks the server for what matches (no diacritics needed) and puts it in the list, the
// current choice kept first so nothing changes until the person picks. An empty parent list takes the first match.
// Enter in the box moves to the list instead of sending the form. Without this the list offers nearby choices.
document.addEventListener("DOMContentLoaded", () => {
  for (const search of document.querySelectorAll("input[data-picker]")) {
    const select = document.getElementById(search.dataset.pickerFor);
    if (!select) continue;
    search.hidden = false;
    let timer = 0;
    let latest = 0;
    const find = async () => {
      const ticket = ++latest;
      try {
        const response = await fetch(search.dataset.picker + "&q=" + encodeURIComponent(search.value.trim()),
          { credentials: "same-origin" });
        if (!response.ok || ticket !== latest) return;
        const holder = document.createElement("select");
        holder.innerHTML = await response.text();
        const found = [...holder.options];
        const chosen = select.selectedOptions[0];
        const none = [...select.options].find((option) => option.value === "");
        const kept = [none, chosen].filter((option, n, all) =>
          option && all.indexOf(option) === n && !found.some((match) => match.value === option.value));
        select.replaceChildren(...kept, ...found);
        select.value = chosen && chosen.value !== "" ? chosen.value : (found[0] || none || {}).value || "";
        select.dispatchEvent(new Event("change", { bubbles: true }));
      } catch (error) {
        // Offline: the list keeps what it had.
      }
    };
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(find, 250);
    });
    search.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      clearTimeout(timer);
      find().then(() => select.focus());
    });
  }
});
// "Add another initiative" under a KR: a copy of its last initiative row, emptied and numbered next (its ids,
// names and labels), focused on its title. Without this, saving leaves an empty row for the next one.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-add-initiative]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const rows = button.parentElement.querySelectorAll(".init-row");
      const last = rows[rows.length - 1];
      const match = last && last.querySelector("[name$='-title']").name.match(/^(kr-\d+-init-)(\d+)-/);
      if (!match) return;
      const from = match[1] + match[2] + "-";
      const to = match[1] + (Number(match[2]) + 1) + "-";
      const row = last.cloneNode(true);
      row.querySelectorAll("input[type=hidden], .field-error").forEach((element) => element.remove());
      for (const element of row.querySelectorAll("[id], [name], [for], [aria-describedby]")) {
        for (const attribute of ["id", "name", "for", "aria-describedby"]) {
          const value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.split(from).join(to));
        }
      }
      row.querySelectorAll("input").forEach((input) => { input.value = ""; input.removeAttribute("aria-invalid"); });
      row.querySelectorAll("select").forEach((select) => { select.selectedIndex = 0; });
      row.querySelectorAll(".field.invalid").forEach((field) => field.classList.remove("invalid"));
      const label = row.querySelector("label");
      if (label) label.textContent = label.textContent.replace(/\d+/, String(rows.length + 1));
      last.after(row);
      row.querySelector("input").focus();
    });
  }
});
// The one-form check-in: Enter in a KR's fields moves to the next KR's value (selected, to type over) and on the
// last KR sends the form, so five KRs take a number and Enter each. Without this, Enter sends the form at once.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-enter-moves]");
  if (!form) return;
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    const row = target.closest("fieldset.checkin-row");
    if (!row) return;
    event.preventDefault();
    let next = row.nextElementSibling;
    while (next && !next.matches("fieldset.checkin-row")) next = next.nextElementSibling;
    const value = next && next.querySelector("[name^='value.']");
    if (value) {
      value.focus();
      if (value.select) value.select();
    } else {
      form.requestSubmit();
    }
  });
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
/* meeting, asks */
// Present mode of the weekly meeting: one section at a time, large type, moved with the keyboard
// (←/→, PageUp/PageDown, Home/End; Esc leaves). Without this script every section simply shows.
document.querySelectorAll("#meeting[data-present]").forEach((meeting) => {
  const sections = [...meeting.querySelectorAll(".meeting-section")];
  if (sections.length === 0) return;
  const fromHash = sections.findIndex((s) => "#" + s.id === location.hash);
  let current = fromHash >= 0 ? fromHash : 0;
  const show = (index) => {
    current = Math.max(0, Math.min(sections.length - 1, index));
    sections.forEach((section, n) => { section.hidden = n !== current; });
    const heading = sections[current].querySelector("h2");
    if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
    history.replaceState(null, "", "#" + sections[current].id);
  };
  meeting.classList.add("presenting");
  show(current);
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const moves = { ArrowRight: current + 1, PageDown: current + 1, ArrowLeft: current - 1, PageUp: current - 1,
      Home: 0, End: sections.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      show(moves[event.key]);
    } else if (event.key === "Escape") {
      location.href = meeting.dataset.exit || location.pathname;
    }
  });
  window.addEventListener("beforeprint", () => sections.forEach((section) => { section.hidden = false; }));
  window.addEventListener("afterprint", () => show(current));
});
// Live updates: on a page that shows KRs (marked data-live-kr), /events tells of every check-in as it happens,
// here or on another instance. A KR's value and score, its objective's score and the health counts are replaced
// in place; nothing the person is typing is touched (only these display elements change). The browser's
// EventSource reconnects by itself and sends the last event's id, so nothing is missed. Without this file the
// page shows the same after a reload.
document.addEventListener("DOMContentLoaded", () => {
  if (!document.querySelector("[data-live-kr], [data-live-objective]") || !window.EventSource) return;
  const source = new EventSource("/events");
  // Marks the page while it is live (the end-to-end tests wait for it).
  source.addEventListener("open", () => { document.documentElement.dataset.live = "open"; });
  source.addEventListener("error", () => { document.documentElement.dataset.live = "reconnecting"; });
  source.addEventListener("kr", (message) => {
    let event;
    try { event = JSON.parse(message.data); } catch (error) { return; }
    for (const card of document.querySelectorAll(`[data-live-kr="${CSS.escape(event.key_result)}"]`)) {
      const value = card.querySelector(".kr-value");
      if (value) value.textContent = event.value;
      const score = card.querySelector(".kr-score");
      if (score) score.innerHTML = event.key_result_score;
      const status = card.querySelector(".kr-status");
      if (status) status.innerHTML = event.key_result_status;
      card.dataset.liveUpdated = message.lastEventId;
    }
    for (const score of document.querySelectorAll(`[data-live-objective="${CSS.escape(event.objective)}"]`)) {
      score.innerHTML = event.objective_score;
    }
    if (event.was && event.was !== event.status) {
      const shown = document.querySelector(`[data-live-objective="${CSS.escape(event.objective)}"]`);
      for (const counts of document.querySelectorAll(`[data-live-health="${CSS.escape(event.cycle)}"]`)) {
        // A team page counts only its own objectives, which are all on it.
        if (counts.dataset.liveScope === "page" && !shown) continue;
        const was = counts.querySelector(`[data-status="${event.was}"] strong`);
        const now = counts.querySelector(`[data-status="${event.status}"] strong`);
        if (was && now) {
          was.textContent = String(Math.max(0, Number(was.textContent) - 1));
          now.textContent = String(Number(now.textContent) + 1);
        }
      }
    }
  });
});
