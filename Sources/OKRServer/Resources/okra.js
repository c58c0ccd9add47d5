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
