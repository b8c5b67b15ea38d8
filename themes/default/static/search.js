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

  // stemmable: words of letters of spaced scripts (stem.go), the only
  // ones matched by stem, shared prefix and typo.
  function stemmable(t) {
    for (var ch of t) {
      var c = ch.codePointAt(0);
      if (c < 128 ? c < 97 || c > 122 : spaceless(c, ch) || !/[\p{L}\p{M}]/u.test(ch)) return false;
    }
    return t !== "";
  }

  function runes(s) { return Array.from(s).length; }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // ---- Shards (shard.go, groups.go) ----

  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_", VAL = {};
  for (var d = 0; d < 64; d++) VAL[DIGITS.charCodeAt(d)] = d;

  // decodeShard: {m: key → record, terms: the keys with postings, in
  // order}; a record is decoded on use.
  function decodeShard(payload) {
    var m = new Map(), terms = [], i = 0;
    while (i < payload.length) {
      var end = payload.indexOf("\n", i), k = i;
      if (end < 0) throw new Error("bad shard");
      while (k < end && payload[k] !== " " && payload[k] !== "+") k++;
      if (k === i || k === end) throw new Error("bad shard");
      var key = payload.slice(i, k), rec = { k: key, s: payload.slice(k, end) };
      m.set(key, rec);
      if (rec.s[0] === " ") terms.push(key);
      i = end + 1;
    }
    return { m: m, terms: terms };
  }

  function num(s, pos) {
    for (var n = 0; ; pos.i++) {
      var v = VAL[s.charCodeAt(pos.i)];
      if (v === undefined) throw new Error("bad digit");
      if (v < 32) { pos.i++; return n * 32 + v; }
      n = n * 32 + v - 32;
    }
  }

  function count(rec) { return rec.n !== undefined ? rec.n : (rec.n = rec.s[0] === " " ? num(rec.s, { i: 1 }) : 0); }

  // postings decodes a record: {idf, docs: Int32Array, imps: Uint8Array,
  // stems, group}.
  function postings(rec) {
    if (rec.group) return rec;
    var s = rec.s, pos = { i: 1 }, n = 0;
    rec.docs = new Int32Array(0);
    if (s[0] === " ") {
      n = rec.n = num(s, pos);
      rec.idf = VAL[s.charCodeAt(pos.i++)];
      rec.docs = new Int32Array(n);
      rec.imps = new Uint8Array(n);
      for (var k = 0, doc = -1; k < n; k++) rec.docs[k] = doc += num(s, pos) + 1;
      if (s.length - pos.i < n) throw new Error("bad postings");
      for (k = 0; k < n; k++) rec.imps[k] = VAL[s.charCodeAt(pos.i + k)];
      pos.i += n;
    } else pos.i = 0;
    var rest = s.slice(pos.i), g = rest.indexOf("+");
    rec.stems = rest[0] === "^" ? rest.slice(1, g < 0 ? rest.length : g).split(",") : [];
    rec.group = g < 0 ? [] : rest.slice(g + 1).split(",").map(function (m) { return m[0] === "=" ? m.slice(1) : rec.k + m; });
    if (rest && rest[0] !== "^" && rest[0] !== "+") throw new Error("bad record");
    return rec;
  }

  // ---- Ranking (query.go, match.go) ----

  var TYPO = 1, PREFIX = 2, STEM = 3, EXACT = 4, SCALE = 4096, MAX_EXPANSIONS = 64, MAX_PREFIX_SHARDS = 3, MAX_TYPOS = 16;
  // MISS: matching needs a shard not loaded yet (Engine.sync).
  var MISS = {};

  function Engine(load) {
    this.load = load;
    this.cache = {};
    this.shards = [];
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

  // shard loads shard i.
  Engine.prototype.shard = function (i) {
    var self = this;
    return this.get("s/" + this.man.files[i]).then(function (p) {
      return self.shards[i] || (self.shards[i] = decodeShard(p));
    });
  };

  // sync runs fn, which reads loaded shards only, loading each shard it
  // misses and running it again.
  Engine.prototype.sync = function (fn) {
    var self = this;
    return (function again() {
      try { return Promise.resolve(fn()); } catch (e) {
        if (e !== MISS) throw e;
        return self.shard(self.miss).then(again);
      }
    })();
  };

  // sh is loaded shard i, or MISS.
  Engine.prototype.sh = function (i) {
    if (!this.shards[i]) { this.miss = i; throw MISS; }
    return this.shards[i];
  };

  Engine.prototype.rec = function (key) {
    return this.man.terms.length && this.sh(this.shardOf(key)).m.get(key) || null;
  };

  Engine.prototype.term = function (key) {
    var r = this.rec(key);
    return r && r.s[0] === " " ? r : null;
  };

  // expand: the records a query term stands for, [{r, t: tier}].
  Engine.prototype.expand = function (term, prefix) {
    if (!prefix) { var r = this.term(term); return r ? [{ r: r, t: EXACT }] : []; }
    var t = this.man.terms, first = this.shardOf(term), c = [];
    for (var i = first; i < t.length && i < first + MAX_PREFIX_SHARDS; i++) {
      if (i > first && !t[i].startsWith(term)) break;
      var s = this.sh(i);
      s.terms.forEach(function (k) { if (k.startsWith(term)) c.push({ r: s.m.get(k), t: k === term ? EXACT : PREFIX }); });
    }
    c.sort(function (a, b) { return count(b.r) - count(a.r) || cmp(a.r.k, b.r.k); });
    if (c.length > MAX_EXPANSIONS) {
      var x = c.findIndex(function (e) { return e.t === EXACT; });
      if (x >= MAX_EXPANSIONS) c[MAX_EXPANSIONS - 1] = c[x];
      c.length = MAX_EXPANSIONS;
    }
    return c;
  };

  // word: for each term of a query word, what it matches (wordMatches).
  Engine.prototype.word = function (w) {
    var self = this;
    if (w.terms.length !== 1 || !stemmable(w.terms[0])) {
      return w.terms.map(function (g, i) { return self.expand(g, w.prefix && i === w.terms.length - 1); });
    }
    var q = w.terms[0], found = new Map(), n = runes(q);
    function add(tier, ms) {
      ms.forEach(function (m) {
        var t = Math.max(m.t || 0, tier), o = found.get(m.r.k);
        if (o) o.t = Math.max(o.t, t); else found.set(m.r.k, { r: m.r, t: t, d: m.d });
      });
    }
    add(PREFIX, this.expand(q, w.prefix));
    var me = this.term(q);
    if (me) add(STEM, this.family(me));
    else {
      var st = this.stemPrefix(q), sh = this.shared(q);
      if (st) add(STEM, this.family(st).concat(st.s[0] === " " ? [{ r: st }] : []));
      if (runes(sh) >= 4) add(PREFIX, this.expand(sh, true));
      if (n >= 5) add(TYPO, this.near(q, n >= 9 ? 2 : 1, MAX_TYPOS));
    }
    return [Array.from(found.values())];
  };

  // family: the terms of the stem groups of a term or stem.
  Engine.prototype.family = function (t) {
    var self = this, groups = [t], out = [];
    postings(t).stems.forEach(function (s) { var g = self.rec(s); if (g) groups.push(g); });
    groups.forEach(function (g) {
      postings(g).group.forEach(function (m) { var r = self.term(m); if (r) out.push({ r: r }); });
    });
    return out;
  };

  // stemPrefix: the longest key a suffix of the index completes to q.
  Engine.prototype.stemPrefix = function (q) {
    var c = [];
    [""].concat(this.man.suffixes || []).forEach(function (s) {
      var p = q.slice(0, q.length - s.length);
      if (q.endsWith(s) && runes(p) >= 3 && c.indexOf(p) < 0) c.push(p);
    });
    c.sort(function (a, b) { return b.length - a.length; });
    for (var i = 0; i < c.length; i++) { var r = this.rec(c[i]); if (r) return r; }
    return null;
  };

  // shared: the longest prefix q shares with a term of its shard.
  Engine.prototype.shared = function (q) {
    if (!this.man.terms.length) return "";
    var t = this.sh(this.shardOf(q)).terms, lo = 0, hi = t.length, best = "";
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (t[mid] < q) lo = mid + 1; else hi = mid;
    }
    [lo - 1, lo].forEach(function (k) {
      if (k < 0 || k >= t.length) return;
      var a = Array.from(q), b = Array.from(t[k]), i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      var p = a.slice(0, i).join("");
      if (p.length > best.length) best = p;
    });
    return best;
  };

  // near: the terms of q's shard at most edits edits away, nearest and
  // most frequent first.
  Engine.prototype.near = function (q, edits, limit) {
    if (!this.man.terms.length) return [];
    var s = this.sh(this.shardOf(q)), a = Array.from(q), c = [];
    s.terms.forEach(function (k) {
      if (k === q || !stemmable(k)) return;
      var d = dist(a, Array.from(k), edits);
      if (d <= edits) c.push({ r: s.m.get(k), d: d });
    });
    c.sort(function (x, y) { return x.d - y.d || count(y.r) - count(x.r) || cmp(x.r.k, y.r.k); });
    return c.slice(0, limit).map(function (x) { return { r: x.r, t: TYPO, d: x.d }; });
  };

  // dist: optimal string alignment distance of a and b, or limit + 1
  // past limit.
  function dist(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var p2 = [], p = [], c = [], j, low, prevLow = 0;
    for (j = 0; j <= b.length; j++) p[j] = j;
    for (var i = 1; i <= a.length; i++) {
      c[0] = low = i;
      for (j = 1; j <= b.length; j++) {
        c[j] = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) c[j] = Math.min(c[j], p2[j - 2] + 1);
        low = Math.min(low, c[j]);
      }
      if (low > limit && prevLow > limit) return limit + 1;
      prevLow = low;
      var x = p2; p2 = p; p = c; c = x;
    }
    return Math.min(p[b.length], limit + 1);
  }

  // search resolves to [{doc, score}], best first, with .terms, the
  // terms matched (to highlight); filter {type, topic}.
  Engine.prototype.search = function (q, filter) {
    var self = this;
    filter = filter || {};
    return this.init().then(function (man) {
      var words = parseQuery(q), first = [];
      if (!words.length && !filter.type && !filter.topic) return [];
      // The shards of every term at once; the others as matching asks.
      if (filter.topic) first.push("#" + filter.topic);
      words.forEach(function (w) { first = first.concat(w.terms); });
      if (!man.terms.length) first = [];
      return Promise.all(first.map(function (t) { return self.shard(self.shardOf(t)); })).then(function () {
        return self.sync(function () {
          var lists = filter.topic ? [[{ r: self.term("#" + filter.topic) }].filter(function (m) { return m.r; })] : [];
          words.forEach(function (w) { lists.push(self.word(w)); });
          return rank(man, words, filter, lists);
        });
      });
    });
  };

  // suggest resolves to the query to offer for one that found nothing,
  // or "" (Suggest in query.go).
  Engine.prototype.suggest = function (q) {
    var self = this;
    return this.init().then(function (man) {
      if (!man.terms.length) return "";
      return self.sync(function () {
        var changed = false, parts = parseQuery(q).map(function (w) {
          var n = runes(w.text);
          if (w.terms.length === 1 && stemmable(w.text) && n >= 4 && !self.term(w.text)) {
            var near = self.near(w.text, n >= 5 ? 2 : 1, 1);
            if (near.length) { changed = true; return near[0].r.k; }
          }
          return w.text;
        });
        return changed ? parts.join(" ") : "";
      });
    });
  };

  function rank(man, words, filter, lists) {
    var n = man.n, lo = 0, hi = n, topic = null, li = 0, d, k, terms = [];
    if (filter.type) {
      lo = hi = 0;
      man.types.forEach(function (t) { if (t[0] === filter.type) { lo = t[2]; hi = t[3]; } });
    }
    if (filter.topic) {
      topic = new Uint8Array(n);
      lists[li++].forEach(function (e) { postings(e.r).docs.forEach(function (x) { topic[x] = 1; }); });
    }
    var matched = new Int32Array(n), score = new Int32Array(n), have = new Int32Array(n), sum = new Int32Array(n), best = new Int32Array(n);
    words.forEach(function (w) {
      have.fill(0);
      sum.fill(0);
      lists[li++].forEach(function (ms) {
        best.fill(0);
        ms.forEach(function (e) {
          var p = postings(e.r), typo = e.t === TYPO;
          if (!w.spaceless && p.docs.length) terms.push(e.r.k);
          for (k = 0; k < p.docs.length; k++) {
            // termScore in query.go
            var v = typo ? p.idf * p.imps[k] >> (e.d - 1) : SCALE + e.t * p.idf * p.imps[k], x = p.docs[k];
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
    out.terms = terms;
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
      // ASCII folds to its lower case: fold's normalizing, per
      // character, took most of a keystroke's time on ten results.
      var c = ch.charCodeAt(0), x = c < 0x80 ? (c > 64 && c < 91 ? String.fromCharCode(c + 32) : ch) : fold(ch);
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

  var core = { fold: fold, units: units, terms: terms, parseQuery: parseQuery, decodeShard: decodeShard, postings: postings, dist: dist, stemmable: stemmable, Engine: Engine, marks: marks, excerpt: excerpt };
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
        words = words.concat(res.terms.map(function (x) { return { text: x }; }));
        say(!q.trim() && !filter.type && !filter.topic ? "" : res.length ? t(res.partial ? "partial" : "count", res.length) : t("none", q));
        if (!res.length && q.trim()) engine.suggest(q).then(function (s) { if (s && my === seq) offer(s); });
        return showMore(my);
      }).catch(function () {
        if (my === seq) say(t("error"));
      }).then(function () {
        if (my === seq) list.removeAttribute("aria-busy");
      });
    }

    // offer shows "Did you mean …?" with the query to run instead.
    function offer(s) {
      var x = t("suggest", "\u0000").split("\u0000"), a = el("a", "", s);
      a.href = "?q=" + encodeURIComponent(s);
      a.addEventListener("click", function (e) { e.preventDefault(); input.value = s; run(); input.focus(); });
      status.append(" " + x[0], a, x[1] || "");
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
