// agora serve: reload the page when the site is rebuilt, swap stylesheets
// in place when only CSS changed, and show build problems as an overlay.
(function () {
  "use strict";
  var source = new EventSource("/__agora/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () {
    fetch(location.href, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var fresh = doc.querySelectorAll('link[rel="stylesheet"]');
      var old = document.querySelectorAll('link[rel="stylesheet"]');
      old.forEach(function (l) { if (l.href.indexOf("/__agora/") < 0) l.remove(); });
      fresh.forEach(function (l) { if (l.href.indexOf("/__agora/") < 0) document.head.appendChild(l); });
      var o = document.getElementById("agora-overlay");
      if (o) o.remove();
    });
  });
  source.addEventListener("problem", function (e) {
    var o = document.getElementById("agora-overlay");
    if (!o) {
      o = document.createElement("div");
      o.id = "agora-overlay";
      o.setAttribute("role", "alertdialog");
      var h = document.createElement("h2");
      h.textContent = "Agora: the last change has problems";
      var p = document.createElement("p");
      p.textContent = "The site below is the last version that built. Fix the file and save: this page updates by itself.";
      o.appendChild(h);
      o.appendChild(p);
      o.appendChild(document.createElement("pre"));
      document.body.appendChild(o);
    }
    o.querySelector("pre").textContent = e.data;
  });
})();
