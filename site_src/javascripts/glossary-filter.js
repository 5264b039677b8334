// Glossary filter: hides the table rows whose text (every name of the entity,
// in every language) does not contain what was typed, and the kind sections
// left empty. Works offline; no server, no dependency.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  function apply(input) {
    var query = fold(input.value.trim());
    var content = input.closest("article") || document;
    content.querySelectorAll("table").forEach(function (table) {
      var shown = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var match = !query || fold(row.textContent).indexOf(query) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      var wrapper = table.closest(".md-typeset__scrollwrap") || table;
      wrapper.hidden = shown === 0;
      var heading = wrapper.previousElementSibling;
      if (heading && heading.tagName === "H2") heading.hidden = shown === 0;
    });
  }

  function setup() {
    document.querySelectorAll("input.archive-glossary-filter").forEach(function (input) {
      if (input.dataset.ready) return;
      input.dataset.ready = "1";
      input.addEventListener("input", function () { apply(input); });
      apply(input);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setup); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
