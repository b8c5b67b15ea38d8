// Agora's default theme script: progressive enhancement only. Every page
// works without it; it adds keyboard focus to tables and code that scroll
// sideways. The member directory's filters are directory.js, loaded by
// the directory alone.
(function () {
  "use strict";

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
    focusableScrollers();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
