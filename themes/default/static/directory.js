// The member directory's filters (progressive enhancement: without this
// script the form stays hidden and the facet pages filter instead). The
// directory is paged, so a filter cannot look at the members in view:
// it fetches the members of the selected value that has the fewest (each
// option names its facet's members.json) and keeps those that match the
// other selections. Rows: [path, name, lang, region, country, kind,
// [offers], [needs]], topics as places in the file's list of topic slugs
// (generator/render/directory.go).
(function () {
  "use strict";
  var form = document.getElementById("member-filters");
  if (!form) return;
  var list = document.getElementById("directory-list");
  var results = document.getElementById("directory-results");
  var ul = results.querySelector("ul");
  var more = results.querySelector("button");
  var count = form.querySelector(".count");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var columns = { region: 3, country: 4, kind: 5, offers: 6, needs: 7 };
  var root = form.getAttribute("data-root");
  var step = +form.getAttribute("data-step") || 50, shown = 0, matches = [], cache = {}, generation = 0;

  function label(name, value) {
    var s = form.querySelector("select[name=" + name + "]");
    var o = s && Array.prototype.find.call(s.options, function (o) { return o.value === value; });
    return o ? o.getAttribute("data-label") : value;
  }
  function chosen() {
    return selects.filter(function (s) { return s.value; });
  }
  function load(src) {
    cache[src] = cache[src] || fetch(src).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (data) {
      return data.members.map(function (row) {
        [6, 7].forEach(function (i) { row[i] = row[i].map(function (t) { return data.topics[t]; }); });
        return row;
      });
    });
    return cache[src];
  }
  function item(row) {
    var li = document.createElement("li");
    if (row[2]) li.lang = row[2];
    var a = document.createElement("a");
    a.href = root + row[0];
    a.textContent = row[1];
    li.appendChild(a);
    var sub = [label("kind", row[5]), row[3] && label("region", row[3])].filter(Boolean).join(" · ");
    add(li, sub);
    if (row[6].length) add(li, form.getAttribute("data-offers-label") + ": " + row[6].map(function (t) { return label("offers", t); }).join(", "));
    return li;
  }
  function add(li, text) {
    var span = document.createElement("span");
    span.className = "sub";
    span.textContent = text;
    li.appendChild(span);
  }
  function showMore() {
    matches.slice(shown, shown + step).forEach(function (row) { ul.appendChild(item(row)); });
    shown = Math.min(shown + step, matches.length);
    more.hidden = shown >= matches.length;
  }
  function apply() {
    var on = chosen(), query = new URLSearchParams(), run = ++generation;
    on.forEach(function (s) { query.set(s.name, s.value); });
    history.replaceState(null, "", on.length ? "?" + query : location.pathname);
    if (!on.length) {
      list.hidden = false;
      results.hidden = true;
      count.textContent = "";
      return;
    }
    var option = function (s) { return s.options[s.selectedIndex]; };
    var fewest = on.reduce(function (a, b) { return +option(a).getAttribute("data-count") <= +option(b).getAttribute("data-count") ? a : b; });
    load(option(fewest).getAttribute("data-src")).then(function (rows) {
      if (run !== generation) return;
      matches = rows.filter(function (row) {
        return on.every(function (s) {
          var v = row[columns[s.name]];
          return Array.isArray(v) ? v.indexOf(s.value) >= 0 : v === s.value;
        });
      });
      ul.textContent = "";
      shown = 0;
      showMore();
      list.hidden = true;
      results.hidden = false;
      count.textContent = form.getAttribute("data-count-template").replace("{0}", matches.length).replace("{1}", form.getAttribute("data-total"));
    }, function () {
      if (run === generation) count.textContent = "";
    });
  }
  var params = new URLSearchParams(location.search);
  selects.forEach(function (s) {
    var v = params.get(s.name);
    if (v) s.value = v;
    s.addEventListener("change", apply);
  });
  more.addEventListener("click", showMore);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.hidden = false;
  apply();
})();
