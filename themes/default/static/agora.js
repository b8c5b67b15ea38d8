// Agora's default theme script: progressive enhancement only. Every page
// works without it; it adds the member directory's filters, and keyboard
// focus to tables and code that scroll sideways.
(function () {
  "use strict";

  function directoryFilters() {
    var form = document.getElementById("member-filters");
    if (!form) return;
    var items = Array.prototype.slice.call(document.querySelectorAll(".directory > li"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = form.querySelector(".count");
    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var v = params.get(s.name);
      if (v) s.value = v;
    });
    function matches(li, field, value) {
      var have = (li.getAttribute("data-" + field) || "").split(" ");
      return field === "region" ? li.getAttribute("data-region") === value : have.indexOf(value) >= 0;
    }
    function apply() {
      var shown = 0;
      var query = new URLSearchParams();
      items.forEach(function (li) {
        var ok = selects.every(function (s) { return !s.value || matches(li, s.name, s.value); });
        li.hidden = !ok;
        if (ok) shown++;
      });
      selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
      document.querySelectorAll(".directory").forEach(function (ul) {
        var section = ul.closest("section");
        if (section) section.hidden = !ul.querySelector("li:not([hidden])");
      });
      if (count) {
        count.textContent = count.getAttribute("data-count-template").replace("{0}", shown).replace("{1}", items.length);
      }
      var qs = query.toString();
      history.replaceState(null, "", qs ? "?" + qs : location.pathname);
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }

  // Tables and code blocks that scroll sideways (on a narrow screen) take
  // keyboard focus when nothing inside them can, so that they scroll
  // without a mouse in browsers that do not make scrollers focusable.
  function focusableScrollers() {
    var els = Array.prototype.slice.call(document.querySelectorAll(".table-wrap, pre"));
    if (!els.length) return;
    function update() {
      els.forEach(function (el) {
        var scrolls = el.scrollWidth > el.clientWidth + 1;
        if (scrolls && !el.querySelector("a[href], button, input, select, textarea, [tabindex]")) el.tabIndex = 0;
        else if (!scrolls) el.removeAttribute("tabindex");
      });
    }
    update();
    if (window.ResizeObserver) new ResizeObserver(update).observe(document.documentElement);
  }

  function start() {
    directoryFilters();
    focusableScrollers();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
