/* capaian: search over the prebuilt index (search-index.json), no framework, no external
   request. Without JavaScript the search form opens the site map; with it, results show as
   you type. Case and diacritics are folded on both sides: Unicode NFD, combining marks
   dropped, lower case ("setiawan" finds "Sétiawan", "hasan" finds "Ḥasan"). */
(function () {
  "use strict";

  var LIMIT = 12;
  var ORDER = { indikator: 0, pk: 1, pejabat: 2, halaman: 3 };

  function normalise(text) {
    return String(text == null ? "" : text)
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  /* The entries of `index` matching every word of `query`, best first. */
  function search(index, query) {
    var q = normalise(query);
    if (!q) return [];
    var words = q.split(" ");
    var found = [];
    index.entri.forEach(function (e, position) {
      if (!e._name) {
        e._name = normalise(e.nama);
        e._all = [e._name, normalise(e.id), normalise(e.konteks), e.tahun || ""].join(" ");
      }
      for (var i = 0; i < words.length; i++) {
        if (e._all.indexOf(words[i]) < 0) return;
      }
      var score = e._name === q || normalise(e.id) === q ? 0
        : e._name.indexOf(q) === 0 ? 1
        : e._name.indexOf(q) >= 0 ? 2 : 3;
      found.push({ entry: e, score: score, position: position });
    });
    found.sort(function (a, b) {
      return a.score - b.score
        || (ORDER[a.entry.jenis] || 9) - (ORDER[b.entry.jenis] || 9)
        || (b.entry.tahun || 0) - (a.entry.tahun || 0)
        || a.position - b.position;
    });
    return found.map(function (f) { return f.entry; });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text != null) el.textContent = text;
    return el;
  }

  /* Fills `box` with the results of `query` (text only: names never become HTML). */
  function show(box, index, query) {
    var results = search(index, query);
    box.textContent = "";
    var label = index.label || {};
    var status = element("p", "search-status");
    status.setAttribute("role", "status");
    status.textContent = results.length
      ? results.length + " " + (label.hasil || "")
      : (label.tidak_ada || "") + " \u201c" + query + "\u201d";
    box.appendChild(status);
    if (!results.length) return results;
    var list = element("ul", "search-results");
    results.slice(0, LIMIT).forEach(function (e) {
      var item = element("li");
      var link = element("a");
      link.href = e.url;
      var kind = (label[e.jenis] || e.jenis) + (e.tahun ? " \u00b7 " + e.tahun : "");
      link.appendChild(element("span", "search-kind", kind));
      link.appendChild(element("span", "search-name", e.nama));
      if (e.konteks) link.appendChild(element("span", "search-context", e.konteks));
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    return results;
  }

  var loading = null;
  function load(url) {
    if (!loading) {
      loading = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function setUp(form) {
    var input = form.querySelector("input[name=q]");
    var box = form.querySelector(".search-box");
    if (!input || !box) return;
    var url = form.getAttribute("data-index");
    var results = [];
    var close = function () { box.hidden = true; box.textContent = ""; results = []; };
    var update = function () {
      var query = input.value;
      if (!normalise(query)) { close(); return; }
      load(url).then(function (index) {
        if (input.value !== query) return;
        results = show(box, index, query);
        box.hidden = false;
      }, function () { close(); });
    };
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { load(url); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); }
      if (event.key === "ArrowDown") {
        var first = box.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(box.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { close(); input.focus(); }
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < links.length) { event.preventDefault(); links[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at ? links[at - 1] : input).focus(); }
    });
    form.addEventListener("submit", function (event) {
      // With results, Enter opens the best one; otherwise the form goes to the site map.
      if (results.length) { event.preventDefault(); window.location.href = results[0].url; }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });

    // The site map, reached by the form without JavaScript (or by a link with ?q=): show the
    // results on the page too.
    var page = document.getElementById("hasil-cari");
    var query = new URLSearchParams(window.location.search).get("q");
    if (page && query) {
      input.value = query;
      load(url).then(function (index) {
        show(page, index, query);
        page.hidden = false;
      });
    }
  }

  /* A table or figure that scrolls sideways (on a phone) is reachable with the keyboard:
     focusable, so that the arrow keys scroll it (WCAG 2.1.1). */
  function focusableScrolling() {
    Array.prototype.forEach.call(document.querySelectorAll("main table, main figure, main pre"), function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1
        && /auto|scroll/.test(getComputedStyle(el).overflowX);
      if (scrolls && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
      if (!scrolls && el.getAttribute("tabindex") === "0") el.removeAttribute("tabindex");
    });
  }

  window.capaianSearch = { normalise: normalise, search: search };
  Array.prototype.forEach.call(document.querySelectorAll("form.site-search"), setUp);
  focusableScrolling();
  window.addEventListener("resize", focusableScrolling);
})();
