/* Timeline filters (language, entity) for a static page: shows the filter
   bar, hides events that do not match, and hides months and years left
   empty. No dependencies; works offline. Re-run on Material's instant
   navigation when it is on (document$), else once on load. */
(function () {
  "use strict";

  function setup() {
    var bar = document.querySelector(".tl-filters");
    if (!bar || bar.dataset.ready) return;
    bar.dataset.ready = "1";
    var selects = bar.querySelectorAll("select[data-tl-filter]");
    var events = document.querySelectorAll(".tl-event");
    var count = bar.querySelector(".tl-count");

    function matches(li, key, value) {
      return !value || (li.dataset[key] || "").split(" ").indexOf(value) >= 0;
    }

    function apply() {
      var shown = 0;
      events.forEach(function (li) {
        var ok = true;
        selects.forEach(function (s) { ok = ok && matches(li, s.dataset.tlFilter, s.value); });
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      document.querySelectorAll(".tl-month, .tl-year").forEach(function (section) {
        section.hidden = !section.querySelector(".tl-event:not([hidden])");
      });
      if (count) count.textContent = shown + " / " + events.length;
    }

    selects.forEach(function (s) { s.addEventListener("change", apply); });
    bar.hidden = false;
    apply();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
