// Agora search client: the search page's results as you type, from the
// static index that `agora build` writes under search/index/ (see
// generator/search). No framework, no server, no eval: every index file
// is a script calling agoraSearchLoad(key, value), loaded with a <script>
// element, so it works over http(s) and from file:// alike.
//
// The tokenizer and the ranking mirror generator/search/tokenize.go and
// query.go rule for rule; tests/search checks both against the same
// fixtures. In node, this file exports its core instead of running.
(function () {
  "use strict";

  // ---- Tokenizer (tokenize.go) ----

  var DROP = /[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]/g;
  var WORD = /[\p{L}\p{M}\p{Nd}]/u, MARK = /\p{M}/u, DIGIT = /\p{Nd}/u;
  var MAX_RUNES = 32, MIN_PREFIX = 2;

  function fold(s) {
    return s.normalize("NFKD").replace(DROP, "").normalize("NFC").toLowerCase().replace(/ς/g, "σ");
  }

  function spaceless(c, ch) {
    if (c < 0xe00 || DIGIT.test(ch)) return false;
    return c <= 0xeff || (c >= 0x1000 && c <= 0x109f) || (c >= 0x1780 && c <= 0x17ff) ||
      (c >= 0x19e0 && c <= 0x19ff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) ||
      (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xa9e0 && c <= 0xa9ff) || (c >= 0xaa60 && c <= 0xaa7f) || (c >= 0x20000 && c <= 0x3ffff);
  }

  // units splits folded text into words ({word}) and spaceless runs
  // ({clusters, text}).
  function units(s) {
    var out = [], word = null, runes = 0, clusters = null, inSL = false, join = false;
    function flush() {
      if (word !== null) out.push({ word: word });
      if (clusters) out.push({ clusters: clusters, text: clusters.join("") });
      word = clusters = null;
      runes = 0;
      join = false;
    }
    for (var ch of s) {
      if (!WORD.test(ch)) { flush(); inSL = false; continue; }
      var c = ch.codePointAt(0), mark = MARK.test(ch), sl = spaceless(c, ch);
      if (mark && (word !== null || clusters)) sl = inSL;
      if (sl !== inSL) { flush(); inSL = sl; }
      if (!sl) {
        if (word === null) word = "";
        if (runes++ < MAX_RUNES) word += ch;
        continue;
      }
      if (!clusters) clusters = [];
      if ((!mark && !join) || !clusters.length) clusters.push(ch);
      else clusters[clusters.length - 1] += ch;
      join = c === 0x17d2 || c === 0x1039;
    }
    flush();
    return out;
  }

  function terms(text) {
    var out = [];
    units(fold(text)).forEach(function (u) {
      if (!u.clusters) return out.push(u.word);
      var k = u.clusters;
      for (var i = 0; i + 1 < k.length; i++) out.push(k[i] + k[i + 1]);
      out.push(k[k.length - 1]);
    });
    return out;
  }

  // parseQuery: [{terms, prefix, text, spaceless}]; the last word is
  // matched by prefix unless the query ends with a separator.
  function parseQuery(q) {
    var f = fold(q), us = units(f), last = Array.from(f.slice(-2)).pop();
    var open = !!last && WORD.test(last);
    return us.map(function (u, i) {
      var isLast = open && i === us.length - 1;
      if (!u.clusters) return { terms: [u.word], prefix: isLast && Array.from(u.word).length >= MIN_PREFIX, text: u.word };
      var k = u.clusters, t = [];
      if (k.length === 1) return { terms: k, prefix: true, text: u.text, spaceless: true };
      for (var j = 0; j + 1 < k.length; j++) t.push(k[j] + k[j + 1]);
      return { terms: t, prefix: isLast, text: u.text, spaceless: true };
    });
  }

  // ---- Shards (shard.go) ----

  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_", VAL = {};
  for (var d = 0; d < 64; d++) VAL[DIGITS.charCodeAt(d)] = d;

  // decodeShard maps each term to its record; postings are decoded on use.
  function decodeShard(payload) {
    var m = new Map(), i = 0;
    while (i < payload.length) {
      var end = payload.indexOf("\n", i), sp = payload.indexOf(" ", i);
      if (end < 0 || sp < 0 || sp > end) throw new Error("bad shard");
      m.set(payload.slice(i, sp), { s: payload.slice(sp + 1, end) });
      i = end + 1;
    }
    return m;
  }

  function num(s, pos) {
    for (var n = 0; ; pos.i++) {
      var v = VAL[s.charCodeAt(pos.i)];
      if (v === undefined) throw new Error("bad digit");
      if (v < 32) { pos.i++; return n * 32 + v; }
      n = n * 32 + v - 32;
    }
  }

  function count(rec) { return rec.n !== undefined ? rec.n : (rec.n = num(rec.s, { i: 0 })); }

  // postings decodes a record: {idf, docs: Int32Array, imps: Uint8Array}.
  function postings(rec) {
    if (rec.docs) return rec;
    var s = rec.s, pos = { i: 0 }, n = num(s, pos);
    rec.n = n;
    rec.idf = VAL[s.charCodeAt(pos.i++)];
    rec.docs = new Int32Array(n);
    rec.imps = new Uint8Array(n);
    for (var k = 0, doc = -1; k < n; k++) rec.docs[k] = doc += num(s, pos) + 1;
    if (s.length - pos.i !== n) throw new Error("bad postings");
    for (k = 0; k < n; k++) rec.imps[k] = VAL[s.charCodeAt(pos.i + k)];
    return rec;
  }

  // ---- Ranking (query.go) ----

  var EXACT = 4, PREFIX = 3, MAX_EXPANSIONS = 64, MAX_PREFIX_SHARDS = 3;

  function Engine(load) {
    this.load = load;
    this.cache = {};
  }

  Engine.prototype.get = function (key) {
    var c = this.cache;
    return c[key] || (c[key] = this.load(key).catch(function (e) { delete c[key]; throw e; }));
  };

  Engine.prototype.init = function () {
    var self = this;
    return this.man ? Promise.resolve(this.man) : this.get("manifest").then(function (m) { return (self.man = m); });
  };

  Engine.prototype.shardOf = function (term) {
    var t = this.man.terms, lo = 0, hi = t.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (t[mid] > term) hi = mid; else lo = mid + 1;
    }
    return Math.max(0, lo - 1);
  };

  // shardsFor lists the shards a term (or prefix) needs.
  Engine.prototype.shardsFor = function (term, prefix) {
    var t = this.man.terms, first = this.shardOf(term), out = [];
    if (!t.length) return out;
    out.push(first);
    for (var i = first + 1; prefix && i < t.length && i < first + MAX_PREFIX_SHARDS && t[i].startsWith(term); i++) out.push(i);
    return out;
  };

  Engine.prototype.shard = function (i) {
    var self = this, key = "s/" + this.man.files[i];
    return this.get(key).then(function (p) {
      return self.cache[key + "#"] || (self.cache[key + "#"] = decodeShard(p));
    });
  };

  // expand: the records a query term stands for, [{rec, exact}].
  Engine.prototype.expand = function (term, prefix) {
    var self = this;
    return Promise.all(this.shardsFor(term, prefix).map(function (i) { return self.shard(i); })).then(function (shards) {
      if (!prefix) {
        var r = shards.length && shards[0].get(term);
        return r ? [{ rec: r, exact: true }] : [];
      }
      var c = [];
      shards.forEach(function (s) {
        s.forEach(function (rec, t) { if (t.startsWith(term)) c.push({ rec: rec, exact: t === term, t: t }); });
      });
      c.sort(function (a, b) { return count(b.rec) - count(a.rec) || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0); });
      if (c.length > MAX_EXPANSIONS) {
        var x = c.findIndex(function (e) { return e.exact; });
        if (x >= MAX_EXPANSIONS) c[MAX_EXPANSIONS - 1] = c[x];
        c.length = MAX_EXPANSIONS;
      }
      return c;
    });
  };

  // search resolves to [{doc, score}], best first; filter {type, topic}.
  Engine.prototype.search = function (q, filter) {
    var self = this;
    filter = filter || {};
    return this.init().then(function (man) {
      var words = parseQuery(q), jobs = [];
      if (!words.length && !filter.type && !filter.topic) return [];
      if (filter.topic) jobs.push(self.expand("#" + filter.topic, false));
      words.forEach(function (w) {
        w.terms.forEach(function (g, gi) { jobs.push(self.expand(g, w.prefix && gi === w.terms.length - 1)); });
      });
      return Promise.all(jobs).then(function (lists) { return rank(man, words, filter, lists); });
    });
  };

  function rank(man, words, filter, lists) {
    var n = man.n, lo = 0, hi = n, topic = null, li = 0, d, k;
    if (filter.type) {
      lo = hi = 0;
      man.types.forEach(function (t) { if (t[0] === filter.type) { lo = t[2]; hi = t[3]; } });
    }
    if (filter.topic) {
      topic = new Uint8Array(n);
      lists[li++].forEach(function (e) { postings(e.rec).docs.forEach(function (x) { topic[x] = 1; }); });
    }
    var matched = new Int32Array(n), score = new Int32Array(n), have = new Int32Array(n), sum = new Int32Array(n), best = new Int32Array(n);
    words.forEach(function (w) {
      have.fill(0);
      sum.fill(0);
      w.terms.forEach(function () {
        best.fill(0);
        lists[li++].forEach(function (e) {
          var p = postings(e.rec), f = p.idf * (e.exact ? EXACT : PREFIX);
          for (k = 0; k < p.docs.length; k++) {
            var v = f * p.imps[k], x = p.docs[k];
            if (v > best[x]) best[x] = v;
          }
        });
        for (d = 0; d < n; d++) if (best[d] > 0) { have[d]++; sum[d] += best[d]; }
      });
      var g = w.terms.length;
      for (d = 0; d < n; d++) if (have[d] === g) { matched[d]++; score[d] += Math.floor(sum[d] / g); }
    });
    var most = 0, out = [];
    for (d = lo; d < hi; d++) if (!topic || topic[d]) most = Math.max(most, matched[d]);
    if (!most && words.length) return out;
    for (d = lo; d < hi; d++) if (matched[d] === most && (!topic || topic[d])) out.push({ doc: d, score: score[d] });
    out.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    out.partial = most < words.length;
    return out;
  }

  // doc resolves to [title, path, snippet source], from the result file
  // it shares with its neighbours (DocFile in docfiles.go).
  Engine.prototype.doc = function (id) {
    var per = this.man.perFile;
    return this.get(this.man.docs + "0" + Math.floor(id / per).toString(36)).then(function (file) { return file[id % per]; });
  };

  // typeOf is a document's [name, label, start, end].
  Engine.prototype.typeOf = function (id) {
    return this.man.types.find(function (t) { return id >= t[2] && id < t[3]; });
  };

  // ---- Highlighting ----

  // marks finds the query's words in text: [[start, end]…] in text's
  // UTF-16 offsets, sorted and merged. A spaced word matches at a word
  // start (and, when finished, up to a word end); a spaceless one anywhere.
  function marks(text, words) {
    var f = "", at = [], i = 0, out = [];
    for (var ch of text) {
      var x = fold(ch);
      for (var j = 0; j < x.length; j++) at.push(i);
      f += x;
      i += ch.length;
    }
    at.push(i);
    function wordAt(p) { return p >= 0 && p < f.length && WORD.test(f[p]); }
    words.forEach(function (w) {
      if (!w.text) return;
      for (var p = f.indexOf(w.text); p >= 0; p = f.indexOf(w.text, p + 1)) {
        var e = p + w.text.length;
        if (!w.spaceless && (wordAt(p - 1) || (!w.prefix && wordAt(e)))) continue;
        if (w.prefix && !w.spaceless) while (wordAt(e)) e++;
        out.push([at[p], at[e]]);
      }
    });
    out.sort(function (a, b) { return a[0] - b[0]; });
    return out.reduce(function (m, r) {
      var l = m[m.length - 1];
      if (l && r[0] <= l[1]) l[1] = Math.max(l[1], r[1]); else m.push(r);
      return m;
    }, []);
  }

  // excerpt cuts text around its first mark: {text, marks}.
  function excerpt(text, words, len) {
    var m = marks(text, words), start = 0;
    if (m.length && m[0][0] > len / 3) {
      start = text.lastIndexOf(" ", m[0][0] - len / 4);
      start = start < 0 ? m[0][0] - len / 4 : start + 1;
    }
    var end = Math.min(text.length, start + len);
    if (end < text.length) {
      var sp = text.lastIndexOf(" ", end);
      if (sp > start + len / 2) end = sp;
    }
    var t = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : ""), shift = start > 0 ? 1 - start : 0;
    return {
      text: t,
      marks: m.filter(function (r) { return r[0] >= start && r[1] <= end; }).map(function (r) { return [r[0] + shift, r[1] + shift]; })
    };
  }

  var core = { fold: fold, units: units, terms: terms, parseQuery: parseQuery, decodeShard: decodeShard, postings: postings, Engine: Engine, marks: marks, excerpt: excerpt };
  if (typeof module === "object" && module.exports) {
    module.exports = core;
    return;
  }

  // ---- The search page ----

  var PAGE = 10;

  function start() {
    var app = document.getElementById("search-app");
    var form = app && app.querySelector("form");
    if (!form) return;
    var input = form.elements.q, typeSel = form.elements.type, topicSel = form.elements.topic;
    var status = document.getElementById("search-status"), list = document.getElementById("search-results");
    var more = app.querySelector(".search-more"), ds = app.dataset;
    var base = ds.index, root = ds.root, file = location.protocol === "file:";
    var pending = {}, seq = 0, results = [], shown = 0, words = [];

    window.agoraSearchLoad = function (key, value) {
      var p = pending[key];
      if (p) { delete pending[key]; p(value); }
    };
    var engine = new Engine(function (key) {
      return new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        pending[key] = resolve;
        s.src = base + key + ".js";
        s.onload = s.onerror = function () {
          s.remove();
          if (pending[key]) { delete pending[key]; reject(new Error(key)); }
        };
        document.head.appendChild(s);
      });
    });

    function say(text) { status.textContent = text; }
    function t(name, arg) { return (ds[name] || "").replace("{0}", function () { return arg; }); }

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text) e.textContent = text;
      return e;
    }

    // marked appends text with <mark>s to parent.
    function marked(parent, x) {
      var at = 0;
      x.marks.forEach(function (r) {
        parent.append(x.text.slice(at, r[0]), el("mark", "", x.text.slice(r[0], r[1])));
        at = r[1];
      });
      parent.append(x.text.slice(at));
      return parent;
    }

    function item(r, meta) {
      var li = el("li"), a = el("a"), type = engine.typeOf(r.doc);
      a.href = root + meta[1] + (file ? "index.html" : "");
      a.append(el("span", "search-type", type ? type[1] : ""), " ");
      marked(a.appendChild(el("span", "search-title")), excerpt(meta[0], words, 200));
      li.append(a);
      if (meta[2]) li.append(marked(el("p", "search-snippet"), excerpt(meta[2], words, 180)));
      return li;
    }

    function showMore(my) {
      var batch = results.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = true;
      return Promise.all(batch.map(function (r) { return engine.doc(r.doc); })).then(function (metas) {
        if (my !== seq) return;
        var frag = document.createDocumentFragment();
        metas.forEach(function (m, i) { frag.append(item(batch[i], m)); });
        list.append(frag);
        more.hidden = shown >= results.length;
      });
    }

    function run() {
      var q = input.value, filter = { type: typeSel.value, topic: topicSel.value }, my = ++seq;
      var params = new URLSearchParams();
      if (q) params.set("q", q);
      if (filter.type) params.set("type", filter.type);
      if (filter.topic) params.set("topic", filter.topic);
      try { history.replaceState(null, "", "?" + params.toString() + location.hash); } catch (e) { /* file:// in some browsers */ }
      words = parseQuery(q);
      list.setAttribute("aria-busy", "true");
      engine.search(q, filter).then(function (res) {
        if (my !== seq) return;
        results = res;
        shown = 0;
        list.textContent = "";
        say(!q.trim() && !filter.type && !filter.topic ? "" : res.length ? t(res.partial ? "partial" : "count", res.length) : t("none", q));
        return showMore(my);
      }).catch(function () {
        if (my === seq) say(t("error"));
      }).then(function () {
        if (my === seq) list.removeAttribute("aria-busy");
      });
    }

    function option(sel, value, label) {
      var o = el("option", "", label);
      o.value = value;
      sel.append(o);
    }

    // Keyboard: arrows move between the box and the results, Escape
    // goes back to the box, "/" anywhere focuses it.
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && links().length) { e.preventDefault(); links()[0].focus(); }
      if (e.key === "Escape") { input.value = ""; run(); }
    });
    list.addEventListener("keydown", function (e) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < all.length) all[i + 1].focus();
      else if (e.key === "ArrowUp") (i ? all[i - 1] : input).focus();
      else if (e.key === "Escape") input.focus();
      else return;
      e.preventDefault();
    });
    document.addEventListener("keydown", function (e) {
      var tag = (e.target.tagName || "").toLowerCase();
      if (e.key === "/" && tag !== "input" && tag !== "select" && tag !== "textarea") { e.preventDefault(); input.focus(); }
    });

    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    say(t("loading"));
    engine.init().then(function (man) {
      man.types.forEach(function (x) { option(typeSel, x[0], x[1]); });
      man.topics.forEach(function (x) { option(topicSel, x[0], x[1]); });
      typeSel.value = params.get("type") || "";
      topicSel.value = params.get("topic") || "";
      form.hidden = false;
      say("");
      input.addEventListener("input", run);
      typeSel.addEventListener("change", run);
      topicSel.addEventListener("change", run);
      form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
      more.addEventListener("click", function () { showMore(seq).catch(function () { say(t("error")); }); });
      input.focus();
      run();
    }, function () { say(t("error")); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
