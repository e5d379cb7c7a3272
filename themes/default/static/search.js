/* capaian: search over the prebuilt index (search-index.json), no framework, no external
   request. Without JavaScript the search form opens the site map; with it, results show as
   you type. Case and diacritics are folded on both sides: Unicode NFD, combining marks
   dropped, lower case ("setiawan" finds "Sétiawan", "hasan" finds "Ḥasan"). */
(function () {
  "use strict";

  var LIMIT = 12;
  // search-index.json beside this script (read while the script runs: currentScript is set).
  var INDEX = document.currentScript
    ? new URL("search-index.json", document.currentScript.src).href
    : "search-index.json";
  var ORDER = { indikator: 0, pk: 1, pejabat: 2, halaman: 3 };

  function normalise(text) {
    return String(text == null ? "" : text)
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  /* The entries of `index` matching every word of `query`, best first; entries of `year`
     (the page's own year) before the others at equal rank. */
  function search(index, query, year) {
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
    var own = function (e) { return year && e.tahun === year ? 0 : 1; };
    /* Without a year of its own (the dashboard, the SOP, the site map) a page shows first the
       latest year that has an achievement, not a draft year without one. */
    var measured = function (e) { return year || e.jenis !== "indikator" || e.capaian ? 0 : 1; };
    found.sort(function (a, b) {
      return a.score - b.score
        || (ORDER[a.entry.jenis] || 9) - (ORDER[b.entry.jenis] || 9)
        || own(a.entry) - own(b.entry)
        || measured(a.entry) - measured(b.entry)
        || (b.entry.tahun || 0) - (a.entry.tahun || 0)
        || a.position - b.position;
    });
    return found.map(function (f) { return f.entry; });
  }

  /* The results grouped: an indicator or PK once, with its years (the first one shown, the
     others as a year switch), in the order of `search`. */
  function group(results) {
    var groups = [];
    var byKey = {};
    results.forEach(function (e) {
      var key = e.jenis === "indikator" || e.jenis === "pk" ? e.jenis + "|" + e.id + "|" + e._name : null;
      if (key && byKey[key]) { byKey[key].years.push(e); return; }
      var g = { entry: e, years: [] };
      if (key) byKey[key] = g;
      groups.push(g);
    });
    groups.forEach(function (g) {
      g.years.sort(function (a, b) { return (b.tahun || 0) - (a.tahun || 0); });
    });
    return groups;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text != null) el.textContent = text;
    return el;
  }

  /* Fills `box` with the results of `query` (text only: names never become HTML); at most
     `limit` of them, then a link to the page that lists them all. */
  function show(box, index, query, year, limit, more) {
    var groups = group(search(index, query, year));
    box.textContent = "";
    var label = index.label || {};
    var status = element("p", "search-status");
    status.setAttribute("role", "status");
    status.textContent = groups.length
      ? groups.length + " " + (label.hasil || "")
      : (label.tidak_ada || "") + " \u201c" + query + "\u201d";
    box.appendChild(status);
    if (!groups.length) return groups;
    var list = element("ul", "search-results");
    groups.slice(0, limit).forEach(function (g) {
      var e = g.entry;
      var item = element("li");
      var link = element("a");
      link.href = e.url;
      var kind = (label[e.jenis] || e.jenis) + (e.tahun ? " \u00b7 " + e.tahun : "");
      link.appendChild(element("span", "search-kind", kind));
      link.appendChild(element("span", "search-name", e.nama));
      if (e.konteks) link.appendChild(element("span", "search-context", e.konteks));
      if (e.capaian) {
        link.appendChild(element("span", "search-achievement",
          e.capaian + (e.kategori ? " \u00b7 " + e.kategori : "")));
      }
      item.appendChild(link);
      if (g.years.length) {
        var years = element("p", "search-years", (label.tahun_lain || "") + ": ");
        g.years.forEach(function (other, i) {
          if (i) years.appendChild(document.createTextNode(" \u00b7 "));
          var a = element("a", null, String(other.tahun));
          a.href = other.url;
          if (other.capaian) a.setAttribute("title", other.capaian);
          years.appendChild(a);
        });
        item.appendChild(years);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    if (groups.length > limit && more) {
      var all = element("a", "search-all", (label.semua || "") + " (" + groups.length + ")");
      all.href = more;
      box.appendChild(all);
    }
    return groups;
  }

  /* The index as the file gives it (see src/render/search.rs): a list of rows per kind whose
     values `kolom` names by position; a number as a name or context is a position in
     `konteks`, as a category one in `kategori`; a URL left out is `dasar` (the site's base
     URL) and the kind's pattern in `url`, with the year and id in it. Read into one list of
     entries { jenis, id, nama, tahun, url, konteks, capaian, kategori }. */
  var KINDS = ["indikator", "pk", "pejabat", "halaman"];
  var TABLE = { nama: "konteks", konteks: "konteks", kategori: "kategori" };
  function decode(index) {
    if (index.entri) return index; // a list of entries as they are (an index a theme names)
    var entri = [];
    KINDS.forEach(function (kind) {
      var columns = (index.kolom || {})[kind] || [];
      (index[kind] || []).forEach(function (row) {
        var e = { jenis: kind };
        columns.forEach(function (column, i) {
          var value = row[i] == null ? null : row[i];
          if (typeof value === "number" && TABLE[column]) value = index[TABLE[column]][value];
          e[column] = value;
        });
        if (!e.url) {
          e.url = index.dasar + index.url[kind]
            .replace("{tahun}", function () { return e.tahun == null ? "" : String(e.tahun); })
            .replace("{id}", function () { return e.id; });
        }
        entri.push(e);
      });
    });
    return { bahasa: index.bahasa, label: index.label, entri: entri };
  }

  var loading = null;
  function load(url) {
    if (!loading) {
      loading = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      }).then(decode);
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function setUp(form) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    // The box of results: the page's own when the theme wrote one, otherwise a new one.
    var box = form.querySelector(".search-box");
    if (!box) {
      box = element("div", "search-box");
      box.hidden = true;
      form.appendChild(box);
    }
    // The index lies beside this script (a theme may name another with data-index).
    var url = form.getAttribute("data-index") || INDEX;
    var year = parseInt(form.getAttribute("data-tahun") || "", 10) || null;
    var results = [];
    var close = function () { box.hidden = true; box.textContent = ""; results = []; };
    var update = function () {
      var query = input.value;
      if (!normalise(query)) { close(); return; }
      load(url).then(function (index) {
        if (input.value !== query) return;
        var more = form.getAttribute("action") + "?q=" + encodeURIComponent(query);
        results = show(box, index, query, year, LIMIT, more);
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
      if (results.length) { event.preventDefault(); window.location.href = results[0].entry.url; }
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
        show(page, index, query, year, Infinity, null);
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

  window.capaianSearch = { normalise: normalise, search: search, group: group, decode: decode };
  Array.prototype.forEach.call(document.querySelectorAll("form.site-search"), setUp);
  focusableScrolling();
  window.addEventListener("resize", focusableScrolling);
})();
