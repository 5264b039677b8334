// Pagefind's search UI in a panel under the header, opened by a header button
// or "/" (used when the site is built with ARCHIVE_SEARCH=pagefind).
(() => {
  const root = document.getElementById("archive-search");
  const toggle = document.querySelector(".archive-search__toggle");
  if (!root || !toggle || typeof PagefindUI === "undefined") return;
  const ui = root.querySelector(".archive-search__ui");
  const bundle = new URL(ui.dataset.bundle, location.href);

  // An ISO date as the single token the index holds for it ("2025-03" -> "202503"):
  // the Japanese word splitter would cut "2025-03" into two unrelated numbers.
  const isoDate = /\b(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?\b/g;
  const compactDates = (term) =>
    term.replace(isoDate, (_, y, m, d) => y + m.padStart(2, "0") + (d ? d.padStart(2, "0") : ""));

  new PagefindUI({
    element: ui,
    bundlePath: bundle.pathname,
    baseUrl: bundle.pathname.replace(/pagefind\/$/, ""),
    showImages: false,
    showSubResults: true,
    processTerm: compactDates,
  });

  const inner = document.querySelector(".md-header__inner");
  if (inner) inner.insertBefore(toggle, inner.querySelector(".md-header__source"));
  toggle.hidden = false;

  const input = () => root.querySelector(".pagefind-ui__search-input");
  const setOpen = (open) => {
    root.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    document.body.classList.toggle("archive-search--open", open);
    if (open) input()?.focus();
  };
  toggle.addEventListener("click", () => setOpen(root.hidden));
  root.querySelector(".archive-search__overlay").addEventListener("click", () => setOpen(false));
  // A result on the current page only changes the #hash: close the panel for it too.
  root.addEventListener("click", (e) => { if (e.target.closest("a")) setOpen(false); });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !root.hidden) {
      setOpen(false);
      toggle.focus();
    } else if (e.key === "/" && root.hidden && !e.target.closest("input, textarea, select, [contenteditable]")) {
      e.preventDefault();
      setOpen(true);
    }
  });
})();
