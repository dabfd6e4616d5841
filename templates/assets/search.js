/* sitegen search page. It replays the ranking of `sitegen search` on the index exported from
 * whoosh: the same analysis (tokens, lower case, whoosh's accent map, the index's stemmer: Snowball's
 * English ported step for step, or another from assets/stem/, as meta.json names it), the same
 * term plan and the same score sums. Profile text only ever reaches the page through textContent. */
(function () {
  "use strict";
  /* The index format this script reads: search_export.FORMAT_VERSION (a test keeps them equal). */
  var VERSION = 27;
  var scriptUrl = document.currentScript ? document.currentScript.src : null;

  /* ---- Snowball's English (Porter2 as Snowball 3 has it), as sitegen.stem_english stems ---- */
  var V = "aeiouy";
  function isV(c) { return V.indexOf(c) !== -1; }
  /* R1 begins after these, as after a word's first vowel and the consonant after it. */
  var R1_AFTER = ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"];
  function after(w, start) {
    for (var i = start + 1; i < w.length; i++) { if (!isV(w[i]) && isV(w[i - 1])) { return i + 1; } }
    return w.length;
  }
  function r1Of(w) {
    var prefix = R1_AFTER.find(function (p) { return w.startsWith(p); });
    return prefix ? prefix.length : after(w, 0);
  }
  /* A short syllable ends ``w``: a consonant, a vowel and a consonant but "w", "x" or "Y"; a
     vowel and a consonant as the whole word; or "past". */
  function endsShortSyllable(w) {
    if (w.length === 2 && /^[aeiouy][^aeiouy]$/.test(w)) { return true; }
    return (/[^aeiouy][aeiouy][^aeiouywxY]$/.test(w) && w.length >= 3) || ends(w, "past");
  }
  function ends(w, s) { return w.endsWith(s); }
  function step1a(w) {
    if (ends(w, "sses")) { return w.slice(0, -4) + "ss"; }
    if (ends(w, "ied") || ends(w, "ies")) { return w.length > 4 ? w.slice(0, -3) + "i" : w.slice(0, -3) + "ie"; }
    if (ends(w, "us") || ends(w, "ss")) { return w; }
    if (ends(w, "s")) {
      var p = w.slice(0, -1);
      return /[aeiouy]./.test(p) ? p : w;
    }
    return w;
  }
  var DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
  /* What is left of a word after "-ed" or "-ing" ... goes: an "e" back after "at", "bl", "iz" or a
     short word's short syllable; a double letter undoubled, but a word's first vowel's ("add"). */
  function step1bHelper(w, r1) {
    if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) { return w + "e"; }
    if (DOUBLES.some(function (d) { return ends(w, d); })) {
      return w.length === 3 && "aeo".indexOf(w[0]) !== -1 ? w : w.slice(0, -1);
    }
    return w.length === r1 && endsShortSyllable(w) ? w + "e" : w;
  }
  var ING_KEPT = ["even", "cann", "inn", "earr", "herr", "out"];
  function step1b(w, r1) {
    if (ends(w, "eedly") || ends(w, "eed")) {
      var rest = w.slice(0, ends(w, "eedly") ? -5 : -3);
      return rest.length >= r1 && ["succ", "proc", "exc"].indexOf(rest) === -1 ? rest + "ee" : w;
    }
    var suffix = ["ingly", "edly", "ing", "ed"].find(function (s) { return ends(w, s); });
    if (!suffix) { return w; }
    var p = w.slice(0, -suffix.length);
    if (suffix === "ing" && ING_KEPT.indexOf(p) !== -1) { return w; }
    if (suffix === "ing" && p.length === 2 && p[1] === "y" && !isV(p[0])) { return p[0] + "ie"; }
    return /[aeiouy]/.test(p) ? step1bHelper(p, r1) : w;
  }
  function step1c(w) {
    if (ends(w, "y") || (ends(w, "Y") && w.length > 1)) {
      if (!isV(w.charAt(w.length - 2)) && w.length > 2) { return w.slice(0, -1) + "i"; }
    }
    return w;
  }
  var S2 = [["ization", "ize", null], ["ational", "ate", null], ["fulness", "ful", null], ["ousness", "ous", null],
    ["iveness", "ive", null], ["tional", "tion", null], ["biliti", "ble", null], ["lessli", "less", null],
    ["ogist", "og", null], ["entli", "ent", null], ["ation", "ate", null], ["alism", "al", null],
    ["aliti", "al", null], ["ousli", "ous", null], ["iviti", "ive", null], ["fulli", "ful", null],
    ["enci", "ence", null], ["anci", "ance", null], ["abli", "able", null], ["izer", "ize", null],
    ["ator", "ate", null], ["alli", "al", null], ["bli", "ble", null], ["ogi", "og", ["l"]],
    ["li", "", ["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"]]];
  function step2(w, r1) {
    for (var i = 0; i < S2.length; i++) {
      var end = S2[i][0], repl = S2[i][1], prev = S2[i][2];
      if (!ends(w, end)) { continue; }
      var stemPart = w.slice(0, -end.length);
      if (w.length - end.length < r1) { return w; }
      if (prev === null || prev.some(function (letter) { return ends(stemPart, letter); })) { return stemPart + repl; }
      return w;
    }
    return w;
  }
  var S3 = [["ational", "ate", false], ["tional", "tion", false], ["alize", "al", false], ["icate", "ic", false],
    ["iciti", "ic", false], ["ative", "", true], ["ical", "ic", false], ["ness", "", false], ["ful", "", false]];
  function step3(w, r1, r2) {
    for (var i = 0; i < S3.length; i++) {
      var end = S3[i][0];
      if (!ends(w, end)) { continue; }
      if (w.length - end.length >= r1 && (!S3[i][2] || w.length - end.length >= r2)) {
        return w.slice(0, -end.length) + S3[i][1];
      }
      return w;
    }
    return w;
  }
  var S4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
    "iti", "ous", "ive", "ize"];
  function step4(w, r2) {
    for (var i = 0; i < S4.length; i++) {
      if (ends(w, S4[i])) { return w.length - S4[i].length >= r2 ? w.slice(0, -S4[i].length) : w; }
    }
    if ((ends(w, "sion") || ends(w, "tion")) && w.length - 3 >= r2) { return w.slice(0, -3); }
    return w;
  }
  function step5(w, r1, r2) {
    if (ends(w, "l")) { return (w.length - 1 >= r2 && w.charAt(w.length - 2) === "l") ? w.slice(0, -1) : w; }
    if (ends(w, "e")) {
      if (w.length - 1 >= r2) { return w.slice(0, -1); }
      if (w.length - 1 >= r1 && !endsShortSyllable(w.slice(0, -1))) { return w.slice(0, -1); }
    }
    return w;
  }
  var EXCEPTIONS = { skis: "ski", skies: "sky", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli",
    only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos",
    bias: "bias", andes: "andes" };
  function english(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) { return EXCEPTIONS[word]; }
    if (word.length <= 2) { return word; }
    var w = word.startsWith("'") ? word.slice(1) : word;
    if (w.startsWith("y")) { w = "Y" + w.slice(1); }
    w = w.replace(/([aeiouy])y/g, "$1Y");
    var r1 = r1Of(w), r2 = after(w, r1);
    if (ends(w, "'s'")) { w = w.slice(0, -3); } else if (ends(w, "'s")) { w = w.slice(0, -2); }
    else if (ends(w, "'")) { w = w.slice(0, -1); }
    w = step1a(w);
    w = step1b(w, r1);
    w = step1c(w);
    w = step2(w, r1);
    w = step3(w, r1, r2);
    w = step4(w, r2);
    w = step5(w, r1, r2);
    return w.replace(/Y/g, "y");
  }
  /* A stemmer that counts letters as Python does. Python counts a letter beyond U+FFFF as one
     character, JavaScript as two: such a word is stemmed with each of those letters as one
     character the word does not hold (a private-use one, a consonant to every stemmer), and the
     letters are put back wherever the stem keeps them. */
  function codePoints(stemmed) {
    return function (word) {
      if (!/[\uD800-\uDFFF]/.test(word)) { return stemmed(word); }
      var standIn = {}, back = {}, next = 0xE000;
      var flat = Array.from(word).map(function (c) {
        if (c.length === 1) { return c; }
        if (!standIn[c]) {
          while (word.indexOf(String.fromCharCode(next)) !== -1) { next++; }
          standIn[c] = String.fromCharCode(next++);
          back[standIn[c]] = c;
        }
        return standIn[c];
      }).join("");
      return Array.from(stemmed(flat)).map(function (c) { return back[c] || c; }).join("");
    };
  }
  /* The stemmers by meta.json's name for them: English's, and any an assets/stem/ script added,
     each counting letters as Python does. */
  var stemmers = {};
  Object.entries(Object.assign({}, window.sitegenStemmers, { english: english })).forEach(function (entry) {
    stemmers[entry[0]] = codePoints(entry[1]);
  });
  var stem = stemmers.english;

  /* ---- the page ---- */
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("results");
  var more = document.querySelector("button.more");
  var hint = document.querySelector(".did-you-mean");
  /* Where to turn when a search finds no one; a detached stand-in under a page from before it
     (a host or cache may pair an older page with this script for a while). */
  var noneFound = document.querySelector(".none-found") || document.createElement("div");
  /* In it, where filters leave no one the words find: a button to search without them. */
  var unfilter = document.querySelector(".none-found .unfilter") || document.createElement("p");
  var unfilterButton = unfilter.querySelector("button") || document.createElement("button");
  var indexRoot = form.getAttribute("data-index");
  var siteRoot = form.getAttribute("data-root");
  /* Offline: the site's service worker (templates/offline-worker.js, registered by every page:
     assets/offline.js) keeps this page, what its searches fetch and the pages opened from here on. */
  var keepSection = document.querySelector("section.keep"), keepButton = document.getElementById("keep-all");
  var keepStatus = document.getElementById("keep-status");
  /* This device's note of the build whose index it keeps whole, and this build's (``fingerprint``). */
  var KEPT = "sitegen-kept " + form.getAttribute("data-index"), signature = null;
  var FACETS = ["topic", "language", "country", "format"];
  var meta = null, facetDocs = null, facetsLoading = null, wordKeys = null, shardOrder = [], valueFiles = {};
  var countingFiles = {}, countingDocs = {}, countingHeads = {};
  var wordFiles = {}, linkNames = {};
  var refine = form.querySelector("details.refine");
  var lastTotal = null, lastFilters = {}, settled = Promise.resolve();
  var shards = {}, pieces = {}, rows = {}, completions = new Set(), leadingOf = new WeakMap();
  var lean = new Set(), completionTerms = {}, prefixLeadingOf = {};
  var shown = 10, lastRanked = [], lastTerms = {}, lastLean = [], runId = 0, timer = null, linkNote = "", wordNote = "";
  var anyWord = new WeakSet();  /* totals of a query no document matches every word of (``score``) */
  /* Coalesce bursts of keystrokes, but stay inside the 50 ms keystroke-to-results budget: a query
     with its pieces cached takes about 3 ms (bench/search_latency.py), and a stale run is dropped. */
  var DEBOUNCE_MS = 30;
  /* Index files a query may fetch beyond the page's own (issue 4's budget: a slow mobile link pays
     per request more than per byte); the rows of its results are fetched within what its plan left. */
  var REQUESTS = 4, requested = 0;
  /* When meta.json was last read; a word the index lacks has it read afresh once this long has passed. */
  var metaCheckedAt = Date.now(), RECHECK_MS = 5 * 60 * 1000;
  /* A filtered search walking its results' rows (``walked``) asks for rows as deep as should show
     WALK_MARGIN times the results it shows: a margin for its guess. */
  var WALK_MARGIN = 1.2;
  /* The character of code 0 in facets.json's one character per expert (search_export.CODE_BASE). */
  var CODE_BASE = 0x30;

  /* An index file, revalidated with the host (a 304 when unchanged): files of two builds must never
     meet, and a host may let a browser keep meta.json for minutes (GitHub Pages: ten) or, with no
     Cache-Control at all, for a share of its age, while a shard fetched afterwards is the new
     build's, numbering the experts differently. Within a visit each file is fetched once. Every
     file but meta.json lies in the folder meta.json names (search_export.index_folder): a page
     kept open while the site was rebuilt with experts numbered otherwise still asks for its own
     build's files, which the host answers with or no longer has (``replaced``). */
  function getJSON(path) {
    return getFile(path).then(function (response) { return response.json(); });
  }
  function getFile(path) {
    requested++;
    var url = indexRoot + (meta && path !== "meta.json" ? meta.folder + "/" + path : path);
    return fetch(url, { credentials: "omit", cache: "no-cache" }).then(function (response) {
      if (response.ok) { return response; }
      var error = new Error("search index: " + path + " " + response.status);
      error.offline = response.headers.get("X-Sitegen-Offline") === "1";  /* templates/offline-worker.js */
      if (error.offline || !meta) { throw error; }
      return replaced().then(function () { throw error; });
    });
  }
  /* True the first time this visit (this tab's sessionStorage) asks about ``key``, then false; false
     where nothing can be noted: a page reloads at most once for a reason, never in a loop. */
  function firstThisVisit(key) {
    try {
      var first = sessionStorage.getItem(key) === null;
      sessionStorage.setItem(key, "1");
      return first;
    } catch (error) { return false; }
  }
  /* An index file missing, or a shard holding another number of terms than meta.json says: the
     site may have been rebuilt since this page read meta.json. If meta.json is now another, the
     page reloads (its search is in its address), once for each new meta.json, and the promise
     never settles; else (the same index: a file truly missing) it settles and the search goes on
     as it would have. */
  function replaced() {
    metaCheckedAt = Date.now();
    return fetch(indexRoot + "meta.json", { credentials: "omit", cache: "no-cache" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (fresh) {
      var now = fresh && fingerprint(JSON.stringify(fresh));
      if (!fresh || now === signature || !firstThisVisit("sitegen-search-replaced-" + now)) { return null; }
      form.setAttribute("data-state", "busy");
      status.textContent = "The directory has just been updated: searching it again.";
      window.location.reload();
      return new Promise(function () {});
    }, function () { return null; });
  }
  /* A file of two lines of JSON (a counting file: search_export.counting_bytes): ``first`` is
     given the first line's as soon as it has come, read from the stream as it arrives; the
     promise, the second line's. */
  function getLines(path, first) {
    return getFile(path).then(function (response) {
      var text = "", told = false;
      function line(which) { var at = text.indexOf("\n"); return JSON.parse(which ? text.slice(at + 1) : text.slice(0, at)); }
      function tell() { told = true; first(line(0)); }
      function whole() {
        if (!told) { tell(); }
        return line(1);
      }
      if (!response.body || typeof TextDecoder === "undefined") {
        return response.text().then(function (all) { text = all; return whole(); });
      }
      var reader = response.body.getReader(), decoder = new TextDecoder();
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { text += decoder.decode(); return whole(); }
          text += decoder.decode(chunk.value, { stream: true });
          if (!told && text.indexOf("\n") >= 0) { tell(); }
          return pump();
        });
      }
      return pump();
    });
  }
  /* Result rows a file carries, by document number (a shard's "r", an r/ or p/ file, a small
     facet value's "r"), kept for rendering. */
  function keepRows(byNumber) {
    Object.keys(byNumber).forEach(function (n) { rows[n] = byNumber[n]; });
  }
  /* A site path as the rows and meta.json give it ("/experts/…/", "/photos/…"), from this page. */
  function siteUrl(path) { return siteRoot + path.replace(/^\//, ""); }
  function profileUrl(row) { return siteUrl(meta.expert.replace("{slug}", row[0])); }
  var UNAVAILABLE = "Search is unavailable right now. Browse experts by topic or A–Z instead.";
  /* The page's state "failed", and why, in the status (read out: aria-live). */
  function failed(message) {
    form.setAttribute("data-state", "failed");
    status.textContent = message;
  }
  /* Keeps a file's promise in ``table`` for the visit, forgotten if the file fails (offline, or a
     dropped connection) so that a later search asks for it again. */
  function remembered(table, path, promise) {
    table[path] = promise.catch(function (error) { delete table[path]; throw error; });
    return table[path];
  }
  function firstTwo(text) { return Array.from(text).slice(0, 2).join(""); }
  function keyOf(text) { return hexOf(firstTwo(text)); }
  function hexOf(text) {
    return Array.prototype.map.call(new TextEncoder().encode(text), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }
  /* A term's postings as the page ranks with them, ``[gap, score, ...]``, from the index's
     ``[gaps, steps, ranks]`` (search_export.packed): its distinct scores in thousandths,
     ascending and each as the step from the one before, and each document's as its place among
     them. A whole number of thousandths divided by meta.scale is the float nearest that decimal,
     the very score whoosh's index keeps (and JSON's "4.273" would give). */
  function unpacked(packed) {
    var gaps = packed[0], steps = packed[1], ranks = packed[2], values = [], flat = new Array(2 * gaps.length);
    for (var i = 0, v = 0; i < steps.length; i++) { v += steps[i]; values.push(v / meta.scale); }
    for (var j = 0; j < gaps.length; j++) { flat[2 * j] = gaps[j]; flat[2 * j + 1] = values[ranks[j]]; }
    return flat;
  }
  /* A shard's terms ("t/"), or a split prefix's first completions ("c/"); the result rows it carries
     (its terms' best documents) are kept for rendering. */
  function shard(prefix, folder) {
    var path = (folder || "t/") + hexOf(prefix) + ".json";
    if (!shards[path]) {
      remembered(shards, path, getJSON(path).then(function (loaded) {
        var told = folder !== "c/" && meta.shards[prefix];  /* a completion file holds the first of several shards' */
        return told && Object.keys(loaded.t).length !== told[0] ? replaced().then(function () { return loaded; }) : loaded;
      }).then(function (loaded) {
        keepRows(loaded.r);
        Object.keys(loaded.t).forEach(function (t) { loaded.t[t] = unpacked(loaded.t[t]); });
        if (folder === "c/") { completionTerms[prefix] = loaded.t; }
        return loaded.t;
      }));
    }
    return shards[path];
  }
  function completionFile(prefix) { return shard(prefix, "c/"); }
  function wordsFile(text) {
    var key = keyOf(text);
    return wordKeys.has(key) ? wordsOf(key) : Promise.resolve({});
  }
  function wordsOf(key) {
    if (!wordFiles[key]) { remembered(wordFiles, key, getJSON("w/" + key + ".json")); }
    return wordFiles[key];
  }
  /* The shard holding a stem and its family: the longest shard prefix of it. */
  function lookupKey(stemmed) {
    var best = null;
    shardOrder.forEach(function (key) {
      var exact = meta.shards[key][1] === 1;
      if (stemmed.startsWith(key) && (!exact || key === stemmed) && (best === null || key.length > best.length)) { best = key; }
    });
    return best;
  }
  /* Shards that can hold completions of a prefix, in term order, until maxExpansion terms are certain. */
  function completionKeys(prefix) {
    var keys = [], certain = 0;
    for (var i = 0; i < shardOrder.length && certain < meta.maxExpansion; i++) {
      var key = shardOrder[i];
      var exact = meta.shards[key][1] === 1;
      if (key.startsWith(prefix)) { keys.push(key); certain += meta.shards[key][0]; }
      else if (prefix.startsWith(key) && !exact) { keys.push(key); }  /* an exact shard holds its key only */
    }
    return keys;
  }
  /* Lower case, then each character folded as meta.accents says, else a Latin letter (U+00C0 to
     U+024F, U+1E00 to U+1EFF) without its marks: whoosh's accent map (search_export.LATIN); else
     a kana (U+3040 to U+30FF, U+FF61 to U+FF9F) by its compatibility decomposition (NFKD: "ｶﾞ"
     and "ガ" as "カ" and its mark; sitegen.search.KANA_FOLDED). */
  function fold(token) {
    var out = "";
    Array.from(token.toLowerCase()).forEach(function (c) {
      out += Object.prototype.hasOwnProperty.call(meta.accents, c) ? meta.accents[c] :
        (c >= "\u00c0" && c <= "\u024f") || (c >= "\u1e00" && c <= "\u1eff") ? c.normalize("NFD").replace(/\p{M}/gu, "") :
        (c >= "\u3040" && c <= "\u30ff") || (c >= "\uff61" && c <= "\uff9f") ? c.normalize("NFKD") : c;
    });
    return out.indexOf("\u094d") === -1 ? out : out.replace(NASAL_HALF, "\u0902");
  }
  /* A Devanagari nasal without its vowel before a consonant, folded as the anusvara ("हिन्दी" is
     "हिंदी": sitegen.search.NASAL_HALF). */
  var NASAL_HALF = /[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u0939])/g;
  /* The query's words as sitegen.search.WORD finds them: runs of letters, digits and underscores,
     with the combining marks and joiners inside them (sitegen.search.EXTEND: "हिन्दी" is one word)
     and their possessive ("women's"), or single letters joined by dots ("U.S."), folded without
     the possessive ("women") or the dots ("us"). */
  var WORD = /[\p{L}\p{Nl}\p{No}](?:\.[\p{L}\p{Nl}\p{No}])+\.?(?![\p{L}\p{N}\p{M}_\u200c\u200d])|[\p{L}\p{N}_][\p{L}\p{N}\p{M}_\u200c\u200d]*(?:['’][sS](?![\p{L}\p{N}\p{M}_\u200c\u200d]))?/gu;
  function tokens(text) { return (text || "").match(WORD) || []; }
  /* Chinese, Japanese and Korean letters (sitegen.search.CJK, kana with their voiced sound marks:
     KANA_MARKS), and Thai, Lao, Myanmar and Khmer letters with the marks they carry
     (SOUTHEAST_ASIAN and _MARKS there): scripts written without spaces. A run of such letters is
     its overlapping pairs, as words apart ("気候変動": "気候 候変 変動"; sitegen.search.bigrammed),
     a letter with its marks one letter ("ภูมิ" is two); and such letters made NULs, one for one,
     where the other words are marked in place (unspaced_masked). */
  var UNSPACED_LETTER = "[\u1100-\u11ff\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff\uf900-\ufaff\uff66-\uff9d\uffa0-\uffdc\u{20000}-\u{3ffff}" +
    "\u0e01-\u0e30\u0e32-\u0e33\u0e40-\u0e46\u0e81-\u0e82\u0e84\u0e86-\u0e8a\u0e8c-\u0ea3\u0ea5\u0ea7-\u0eb0\u0eb2-\u0eb3\u0ebd\u0ec0-\u0ec4\u0ec6\u0edc-\u0edf\u1000-\u102a\u103f\u1050-\u1055\u105a-\u105d\u1061\u1065-\u1066\u106e-\u1070\u1075-\u1081\u108e\u1780-\u17b3\u17d7\u17dc]" +
    "[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ece\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u17b4-\u17d3\u17dd\u3099\u309a\uff9e\uff9f]*";
  var UNSPACED = new RegExp("(?:" + UNSPACED_LETTER + ")+", "gu");
  var LETTER = new RegExp(UNSPACED_LETTER, "gu");
  var ONE_LETTER = new RegExp("^" + UNSPACED_LETTER + "$", "u");
  function lettersOf(run) { return run.match(LETTER); }
  function pairsOf(run) {
    var letters = lettersOf(run), pairs = [];
    for (var at = 0; at < Math.max(1, letters.length - 1); at++) { pairs.push(letters.slice(at, at + 2).join("")); }
    return pairs;
  }
  function bigrammed(text) {
    return (text || "").replace(UNSPACED, function (run) { return " " + pairsOf(run).join(" ") + " "; });
  }
  function unspacedMasked(text) { return text.replace(UNSPACED, function (run) { return "\0".repeat(run.length); }); }
  function folded(token) { return fold(token.replace(/\./g, "").replace(/['’][sS]$/, "")); }
  function words(text) {
    return tokens(bigrammed(text)).map(function (token) {
      var surface = folded(token);
      return { surface: surface, stem: stem(surface) };
    });
  }
  function family(one, other) {
    var short = one.length <= other.length ? one : other, long = short === one ? other : one;
    if (one.length === other.length) { return false; }
    return short.length >= meta.familyMin && long.startsWith(short) && long.length - short.length <= meta.familyGap;
  }
  function sortedKeys(object) { return Object.keys(object).sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; }); }
  function editDistance(a, b, limit) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var prev2 = [], prev = [];
    for (var j = 0; j <= b.length; j++) { prev.push(j); }
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { cur[j] = Math.min(cur[j], prev2[j - 2] + 1); }
      }
      prev2 = prev; prev = cur;
    }
    return Math.min(prev[b.length], limit + 1);
  }
  /* What may stand between two words that join (sitegen.search.GAP), and a word that may (letters only). */
  var GAP = /^[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;
  var LETTERS = /^\p{L}+$/u;
  /* sitegen.search.split: a word no profile has as two that profiles have ("food security"), each of
     meta.joinPartMin letters or more; the second's words file fetched (a word with no match only). */
  function split(word, known) {
    var letters = Array.from(word), cuts = [];
    if (!LETTERS.test(word)) { return Promise.resolve(null); }
    for (var cut = meta.joinPartMin; cut <= letters.length - meta.joinPartMin; cut++) {
      var first = letters.slice(0, cut).join("");
      if (Object.prototype.hasOwnProperty.call(known, first)) { cuts.push([first, letters.slice(cut).join("")]); }
    }
    return Promise.all(cuts.map(function (c) { return wordsFile(c[1]); })).then(function (files) {
      var best = null;
      cuts.forEach(function (c, i) {
        if (!Object.prototype.hasOwnProperty.call(files[i], c[1])) { return; }
        var rarer = Math.min(known[c[0]], files[i][c[1]]);
        if (best === null || rarer > best[0]) { best = [rarer, c[0] + " " + c[1]]; }
      });
      return best ? best[1] : null;
    });
  }
  function suggest(word, known) {
    var limit = Array.from(word).length <= 4 ? 1 : 2, best = null;
    sortedKeys(known).forEach(function (candidate) {
      if (firstTwo(candidate) !== firstTwo(word) || candidate === word) { return; }
      var d = editDistance(word, candidate, limit);
      if (d > limit) { return; }
      var key = [d, -known[candidate], candidate];
      if (best === null || key[0] < best[0] || (key[0] === best[0] && (key[1] < best[1] ||
          (key[1] === best[1] && key[2] < best[2])))) { best = key; }
    });
    return best ? best[2] : null;
  }

  /* The plan and the sums of sitegen.search.SearchIndex, step for step (wordTerms to score). */

  /* The index terms one word stands for (SearchIndex.expand; its stem's family unless ``alone``),
     each with its postings, from the files that can hold them; ``known`` where the word needs no
     suggestion for itself. Completed as a prefix (sitegen.search.completed): the last word from
     its second letter, and a CJK or Thai ... letter alone wherever it is (the pairs it starts). */
  function wordTerms(w, last, alone) {
    var keys = [], files = [], leanUsed = [], letters = Array.from(w.surface).length;
    var completing = (last && letters >= 2) || ONE_LETTER.test(w.surface);
    /* A split prefix's completion file holds its first terms, the stem itself among them (a split
       prefix is shorter than a family's stems): one file instead of every shard under the prefix. */
    var home = completing && completions.has(w.stem) ? null : lookupKey(w.stem);
    if (home !== null) { keys.push(home); }
    if (completing) {
      /* Terms starting with the word as typed start with its stem too: the stem's first terms are
         the first of both (search.SearchIndex takes the first maxExpansion starting with either). */
      (w.surface.startsWith(w.stem) ? [w.stem] : [w.stem, w.surface]).forEach(function (prefix) {
        if (completions.has(prefix)) {
          files.push(completionFile(prefix));
          if (lean.has(prefix)) { leanUsed.push(prefix); }
        }
        else { keys = keys.concat(completionKeys(prefix)); }
      });
    }
    return Promise.all(files.concat(keys.map(function (key) { return shard(key); }))).then(function (loaded) {
      var terms = {};
      loaded.forEach(function (s) { Object.keys(s).forEach(function (t) { terms[t] = s[t]; }); });
      var chosen = {};
      if (Object.prototype.hasOwnProperty.call(terms, w.stem)) { chosen[w.stem] = true; }
      var all = sortedKeys(terms);
      if (!alone) { all.forEach(function (t) { if (family(w.stem, t)) { chosen[t] = true; } }); }
      if (completing) {
        all.filter(function (t) { return t.startsWith(w.stem) || t.startsWith(w.surface); })
          .slice(0, meta.maxExpansion).forEach(function (t) { chosen[t] = true; });
      }
      var names = sortedKeys(chosen), found = {};
      names.forEach(function (t) { found[t] = terms[t]; });
      return { terms: found, lean: leanUsed,
        known: Object.prototype.hasOwnProperty.call(terms, w.stem) || (completing && names.length > 0) };
    });
  }
  /* The terms of the word two neighbours make together (SearchIndex.joined), or null. */
  function joinedTerms(first, second, last) {
    var surface = first.surface + second.surface;
    if (Array.from(surface).length < meta.joinedMin || (last && Array.from(second.surface).length < 2)) {
      return Promise.resolve(null);
    }
    return wordTerms({ surface: surface, stem: stem(surface) }, last, true);
  }
  /* A query's words to find (``wanted``, the query with the others made spaces) and those whose
     experts are left out (``excluded``, as typed): a word right after a hyphen that starts the
     query or follows a space ("climate -policy"; sitegen.search.apart). */
  function apart(text) {
    var wanted = "", excluded = [], at = 0;
    Array.from(text.matchAll(WORD)).forEach(function (match) {
      var start = match.index;
      if (start >= 1 && text.charAt(start - 1) === "-" && (start === 1 || GAP.test(text.charAt(start - 2)))) {
        wanted += text.slice(at, start - 1) + " ";
        excluded.push(match[0]);
        at = start + match[0].length;
      }
    });
    return { wanted: wanted + text.slice(at), excluded: excluded };
  }
  /* Each word's terms are its own and those of the word it makes with either neighbour; a word
     matched only that way gets no suggestion (SearchIndex.plan). The words to leave out are
     looked up by stem and stem family, never completed (SearchIndex.found_by). */
  function plan(query) {
    var parts = apart(query), text = parts.wanted;
    var leaving = Promise.all(parts.excluded.map(function (word) {
      return Promise.all(words(word).map(function (w) { return wordTerms(w, false, false); }));
    }));
    var ws = words(text), complete = /\s$/.test(text);
    function isLast(position) { return position === ws.length - 1 && !complete; }
    var own = ws.map(function (w, position) { return wordTerms(w, isLast(position), false); });
    var joined = ws.slice(1).map(function (w, i) { return joinedTerms(ws[i], w, isLast(i + 1)); });
    return Promise.all(own.concat(joined)).then(function (found) {
      var joins = [null].concat(found.slice(ws.length), [null]);
      return Promise.all(found.slice(0, ws.length).map(function (mine, i) {
        var terms = {}, together = false;
        [mine, joins[i], joins[i + 1]].forEach(function (part) {
          if (!part) { return; }
          Object.keys(part.terms).forEach(function (t) { terms[t] = part.terms[t]; });
          if (part !== mine && Object.keys(part.terms).length) { together = true; }
        });
        var names = sortedKeys(terms);
        var entry = { names: names, postings: names.map(function (t) { return terms[t]; }), suggestion: null,
          lean: mine.lean.concat(joins[i + 1] ? joins[i + 1].lean : []) };
        if (mine.known || together) { return entry; }
        return wordsFile(ws[i].surface).then(function (known) {
          if (Object.prototype.hasOwnProperty.call(known, ws[i].surface)) { return entry; }
          return split(ws[i].surface, known).then(function (halves) {
            entry.suggestion = halves || suggest(ws[i].surface, known);
            return entry;
          });
        });
      }));
    }).then(function (entries) {
      var suggestions = {};
      var terms = {}, leanPrefixes = [];
      entries.forEach(function (entry, i) {
        if (entry.suggestion) { suggestions[ws[i].surface] = entry.suggestion; }
        entry.names.forEach(function (t, j) { terms[t] = entry.postings[j]; });
        leanPrefixes = leanPrefixes.concat(entry.lean);
      });
      return leaving.then(function (left) {
        var excluded = [], finding = [], unfound = [];
        left.forEach(function (pieces, i) {  /* a run of letters read in pairs: the documents holding each of its pairs (SearchIndex.found_by) */
          var found = null;
          pieces.forEach(function (piece) {
            var docs = summed(sortedKeys(piece.terms).map(function (t) { return piece.terms[t]; }));
            found = found === null ? docs : new Map(Array.from(found).filter(function (pair) { return docs.has(pair[0]); }));
          });
          if (found.size) { excluded.push(found); finding.push(parts.excluded[i]); } else { unfound.push(parts.excluded[i]); }
        });
        /* A word to leave out that finds no one is said as a word no profile has (SearchIndex.search). */
        return { plans: entries.map(function (entry) { return entry.postings; }), terms: terms, suggestions: suggestions,
          lean: leanPrefixes, wanted: text, excluded: excluded, excludedWords: finding, unfound: unfound };
      });
    });
  }
  /* Posting lists summed in the order given: each document's total, the same floats the index
     adds. A list is [gap, score, gap, score, ...]: document numbers ascending, each given as the
     gap from the last. */
  function summed(postingLists) {
    var totals = new Map();
    postingLists.forEach(function (flat) {
      for (var i = 0, d = 0; i < flat.length; i += 2) { d += flat[i]; totals.set(d, (totals.get(d) || 0) + flat[i + 1]); }
    });
    return totals;
  }
  /* A word no profile holds is left out unless every word is one (SearchIndex.ranking). */
  function held(plans) {
    var some = plans.filter(function (postingLists) { return postingLists.length; });
    return some.length ? some : plans;
  }
  /* Those words, as typed: the words to find (the plan's ``wanted``, ``apart``) are the plan's, one
     for one (``words``). */
  function leftOut(wanted, plans) {
    if (held(plans) === plans) { return []; }
    return tokens(bigrammed(wanted)).filter(function (word, i) { return plans[i] && !plans[i].length; });
  }
  /* ``total`` without the documents of the words left out (``excluded``: each word's, as a Map),
     changed in place; a query with no word to find has everyone for its total, scoring 0
     (SearchIndex.search: everyone A–Z, as without words). */
  function without(total, excluded) {
    if (!excluded.length) { return total; }
    if (total === null) {
      total = new Map();
      for (var n = 0; n < meta.docs; n++) { total.set(n, 0); }
    }
    excluded.forEach(function (found) { found.forEach(function (_, d) { total.delete(d); }); });
    return total;
  }
  /* Each document's total over every word; where none matches every word, over any word, the
     total then noted in ``anyWord`` (SearchIndex.ranking). */
  function score(plans) {
    if (!plans.length) { return null; }
    plans = held(plans);
    var total = null, words = [];
    plans.forEach(function (postingLists) {
      var word = summed(postingLists);
      words.push(word);
      if (total === null) { total = word; return; }
      var next = new Map();
      word.forEach(function (s, d) { if (total.has(d)) { next.set(d, total.get(d) + s); } });
      total = next;
    });
    if (total.size === 0 && words.length > 1) {
      total = new Map();
      words.forEach(function (word) {  /* each document's words added in the query's order, as above */
        word.forEach(function (s, d) { total.set(d, total.has(d) ? total.get(d) + s : s); });
      });
      anyWord.add(total);
    }
    return total;
  }
  /* Facet postings are the largest part of the index: fetched only when facets are used and the
     results' rows cannot count them (facetsFor). */
  function ensureFacets() {
    if (!facetsLoading) {
      /* A topic's or a language's documents ascending, each given as the gap from the one
         before, a parent topic's without its subtopics' (added back here); each expert's country
         and media formats as one character each; who is available (search_export.facets_file). */
      facetsLoading = getJSON("facets.json").then(function (loaded) {
        facetDocs = facetsRead(loaded);
        return facetDocs;
      }).catch(function (error) { facetsLoading = null; throw error; });
    }
    return facetsLoading;
  }
  /* Each facet value's documents from facets.json's form (search_export.facets_file), which a
     counting file shares (each of its lines holding some of the facets). */
  function facetsRead(loaded) {
    if (typeof loaded.country === "string") { loaded.country = decoded(loaded.country, "country", true); }
    if (typeof loaded.format === "string") { loaded.format = decoded(loaded.format, "format", false); }
    ["topic", "language", "available"].forEach(function (name) {
      Object.keys(loaded[name] || {}).forEach(function (value) {
        var gaps = loaded[name][value];
        for (var i = 1; i < gaps.length; i++) { gaps[i] += gaps[i - 1]; }
      });
    });
    var topics = loaded.topic || {}, merged = {};
    meta.facets.topic.forEach(function (label) {
      if (label.length < 3) { return; }
      var parent = meta.facets.topic[label[2]][0];
      if (!merged[parent]) { merged[parent] = new Set(topics[parent] || []); }
      (topics[label[0]] || []).forEach(function (d) { merged[parent].add(d); });
    });
    if (loaded.topic) { Object.keys(merged).forEach(function (parent) { topics[parent] = Array.from(merged[parent]); }); }
    return loaded;
  }
  /* The path of the counting file that serves these filters: one value of a facet meta.json lists
     as "counted" (a country, a media format, a language), alone or with "available now" (the
     file holds availability whole); else null. */
  function countingPath(filters) {
    var names = Object.keys(filters).filter(function (name) { return name !== "available"; });
    if (names.length !== 1 || (meta.counted || []).indexOf(names[0]) < 0) { return null; }
    return countingFileOf(names[0], filters[names[0]]);
  }
  function countingFileOf(name, value) { return "f/" + name + "/" + hexOf(value) + ".c.json"; }
  /* What a search filtered by one counted value counts its facets (and ranks all its results)
     with: facets.json as that value's holders see it (search_export.counting_file), that facet
     and availability whole, the others among the holders: a fifth to four fifths of facets.json
     at 100,000 experts. facets.json where it is loaded or no counting file serves; and where the
     counting file cannot be had (a dropped connection, or offline with only the searches made
     before kept). */
  function facetsFiltered(filters) {
    var path = countingPath(filters);
    if (facetDocs || !path) { return ensureFacets(); }
    if (!countingFiles[path]) {
      /* One kept at a time: a large language's, parsed, is megabytes at 100,000 experts. */
      countingFiles = {};
      countingDocs = {};
      countingHeads = {};
      var head = null, told;
      countingHeads[path] = new Promise(function (resolve) { told = resolve; });
      remembered(countingFiles, path, getLines(path, function (first) {
        head = facetsRead(first);
        told(head);
      }).then(function (rest) {
        var facets = facetsRead(rest);
        Object.keys(head).forEach(function (name) { facets[name] = head[name]; });
        countingDocs[path] = facets;
        return facets;
      }));
    }
    return countingFiles[path].catch(ensureFacets);
  }
  /* Who holds the chosen values and who is available, from the first line of the counting file
     that serves these filters (``getLines``), as soon as it has come: what a walked search's whole
     ranking needs (its count, "Show more"), before the other facets' lines. Null where no
     counting file serves. */
  function countingHead(filters) {
    var path = countingPath(filters);
    if (!path) { return null; }
    var whole = facetsFiltered(filters);
    return countingHeads[path] || whole;  /* facets.json loaded meanwhile: it serves */
  }
  /* The facets loaded that serve these filters, or null: facets.json's, or the counting file's. */
  function facetsHeld(filters) {
    var path = countingPath(filters);
    return facetDocs || (path && countingDocs[path]) || null;
  }
  /* Each value's documents from one character per expert (search_export.coded): the code is
     the value's position in the labels plus one for a ``single`` facet (0: none), else a bit for
     each value's position. */
  function decoded(text, name, single) {
    var labels = meta.facets[name], found = {};
    for (var d = 0; d < text.length; d++) {
      var code = text.charCodeAt(d) - CODE_BASE;
      if (single) {
        if (code) { (found[labels[code - 1][0]] = found[labels[code - 1][0]] || []).push(d); }
        continue;
      }
      for (var at = 0; code >> at; at++) {
        if (code >> at & 1) { (found[labels[at][0]] = found[labels[at][0]] || []).push(d); }
      }
    }
    return found;
  }
  function chosenFilters() {
    var f = {};
    FACETS.forEach(function (name) { var v = form.elements.namedItem(name).value; if (v) { f[name] = v; } });
    if (form.elements.namedItem("available").checked) { f.available = "yes"; }
    return f;
  }
  /* The facet values a result's row names (see search_export.row): its topics (a topic counts
     under its parent too), languages (and their base tags), country and media formats by their
     place in meta.json's labels, the last two in one number (search_export.packed_facets), and
     whether it is available. */
  function rowValues(r) {
    var values = { topic: new Set(), language: new Set(), country: new Set(), format: new Set(), available: new Set() };
    r[4].forEach(function (at) {
      var label = meta.facets.topic[at];
      values.topic.add(label[0]);
      if (label.length > 2) { values.topic.add(meta.facets.topic[label[2]][0]); }
    });
    r[5].forEach(function (at) {
      var tag = meta.facets.language[at][0];
      values.language.add(tag); values.language.add(tag.split("-")[0]);
    });
    var formats = meta.facets.format.length, country = Math.floor(r[8] / Math.pow(2, formats)) - 1;
    if (country >= 0) { values.country.add(meta.facets.country[country][0]); }
    meta.facets.format.forEach(function (label, at) {
      if (Math.floor(r[8] / Math.pow(2, at)) % 2) { values.format.add(label[0]); }
    });
    values.available.add(r[7] !== "unavailable" ? "yes" : "no");
    return values;
  }
  /* Whether a result's row holds every chosen value. */
  function holdsAll(r, filters) {
    var values = rowValues(r);
    return Object.keys(filters).every(function (name) { return values[name].has(filters[name]); });
  }
  /* The documents of each facet value among a query's results, from their rows, when the shards
     loaded hold every result's row: no facets.json then. Null if a row is missing. */
  function fromRows(total) {
    if (total === null) { return null; }
    var local = { topic: {}, language: {}, country: {}, format: {}, available: {} }, covered = true;
    total.forEach(function (s, d) {
      var r = rows[d];
      if (!r) { covered = false; return; }
      var values = rowValues(r);
      Object.keys(values).forEach(function (name) {
        values[name].forEach(function (value) { (local[name][value] = local[name][value] || []).push(d); });
      });
    });
    return covered ? local : null;
  }
  /* What the facets are counted with for these results and filters: their rows, else a counting
     file or facets.json (facetsFiltered). */
  function facetsFor(total, filters) {
    var local = fromRows(total);
    return local ? Promise.resolve(local) : facetsFiltered(filters);
  }
  /* One facet value's documents (a parent topic's with its subtopics'), from its own file
     (search_export.value_bytes): gaps, and the rows of a small value's every expert, kept. */
  function valueFile(name, value) {
    var path = "f/" + name + "/" + hexOf(value) + ".json";
    if (!valueFiles[path]) {
      remembered(valueFiles, path, getJSON(path).then(function (loaded) {
        if (loaded.r) { keepRows(loaded.r); }
        var docs = loaded.d;
        for (var i = 1; i < docs.length; i++) { docs[i] += docs[i - 1]; }
        return docs;
      }));
    }
    return valueFiles[path];
  }
  /* A filtered search's ranking: ``{ranked, whole}``, ``whole`` false where it holds only the
     first ``shown`` results and their count is still to come (then ``everyone`` is every result
     ranked, unfiltered). Filtered with the results' rows
     where they are all loaded, or facets.json if it is; else, where the results' rows can show
     the first ones within the requests left (``walked``), with them; else with each chosen
     value's own file: a shared link needs no facets.json to show its results. */
  function filtered(total, filters, terms, leanPrefixes, since) {
    var local = fromRows(total) || facetsHeld(filters);
    if (local) { return Promise.resolve({ ranked: rank(total, filters, local), whole: true }); }
    /* Without words everyone is a result, A–Z; one value's file carries its first rows
       (search_export.VALUE_FIRST), so it alone shows them. */
    if (total === null && Object.keys(filters).length === 1) {
      return valuesOf(filters).then(function (chosen) { return { ranked: rank(total, filters, chosen), whole: true }; });
    }
    /* Every result ranked once (a sort of 100,000 takes about 60 ms): the walk goes down it, and
       the filtered ranking is a part of it, whichever files say who holds the values. */
    var everyone = rank(total, {}, null);
    return walked(everyone, filters, terms, leanPrefixes, since).then(function (found) {
      return found || valuesOf(filters).then(function (chosen) {
        return { ranked: holding(everyone, filters, chosen), whole: true };
      });
    });
  }
  /* The part of a ranking whose experts hold every chosen value, in its order. */
  function holding(ranked, filters, facets) {
    var ok = allowedBy(facets, filters, null);
    return ranked.filter(function (pair) { return ok(pair[1]); });
  }
  /* The chosen values' documents, from their own files. */
  function valuesOf(filters) {
    var chosen = {};
    return Promise.all(Object.keys(filters).map(function (name) {
      return valueFile(name, filters[name]).then(function (docs) {
        chosen[name] = {};
        chosen[name][filters[name]] = docs;
      });
    })).then(function () { return chosen; });
  }
  /* A filtered search's first ``shown`` results from rows alone: walking the results best first
     (``ranked``, every result), an expert whose row holds every chosen value is one. A value held
     by many (a large language, a country, a media format at 100,000 experts: its file names tens
     of thousands and carries only its first ten's rows) has its first results among the query's
     first few dozen, whose rows mostly come with the shards or one next-rows file: fetching those
     rows instead of the value's file saves a request.
     How deep to walk is guessed from the share of the loaded results' rows holding the values
     (counting one more row holding them and one more not, so that a guess from few rows is near
     a half); the rows of the experts ranked above the guess's depth come in files within the
     requests left (``cover``), asked for at once (a second round, measured at 100,000 experts,
     showed no search more). Null where no files hold those rows within the requests left, or
     they did not show ``shown`` results: the values' own files answer then, and a rare value's
     rows are seldom within them. */
  function walked(ranked, filters, terms, leanPrefixes, since) {
    var sample = 0, held = 0;
    ranked.forEach(function (pair) {
      var r = rows[pair[1]];
      if (r) { sample++; if (holdsAll(r, filters)) { held++; } }
    });
    var share = (held + 1) / (sample + 2), wanted = Math.min(shown, ranked.length);
    function walk(fetched) {
      var found = [], unknown = [];
      for (var i = 0; i < ranked.length; i++) {
        var d = ranked[i][1], r = rows[d];
        if (!r) { unknown.push(d); } else if (holdsAll(r, filters)) { found.push(ranked[i]); }
        if (!unknown.length && found.length === wanted) {
          return Promise.resolve({ ranked: found, whole: false, everyone: ranked });
        }
        if (unknown.length && found.length + share * unknown.length >= wanted * WALK_MARGIN) { break; }
      }
      if (!unknown.length) { return Promise.resolve({ ranked: found, whole: true }); }  /* every result's row is loaded */
      var budget = REQUESTS - (requested - since), files = rowFiles(unknown, terms, leanPrefixes);
      var chosen = !fetched && budget > 0 ? cover(unknown, files, budget) : null;
      if (!chosen) { return Promise.resolve(null); }
      return Promise.all(chosen.map(function (path) { return files[path].load(path); })).then(function () {
        return walk(true);
      });
    }
    return walk(false);
  }
  function allowedBy(facets, filters, except) {
    var sets = Object.keys(filters).filter(function (name) { return name !== except; }).map(function (name) {
      return new Set(facets[name][filters[name]] || []);
    });
    return function (d) { return sets.every(function (s) { return s.has(d); }); };
  }
  function rank(total, filters, facets) {
    var ok = facets ? allowedBy(facets, filters, null) : function () { return true; }, ranked = [];
    if (total === null) {
      for (var d = 0; d < meta.docs; d++) { if (ok(d)) { ranked.push([0, d]); } }
      return ranked;
    }
    total.forEach(function (s, doc) { if (ok(doc)) { ranked.push([s, doc]); } });
    ranked.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1]; });
    return ranked;
  }
  /* A common term's best documents, as many as its last r/ file reaches (meta.tiers), best score
     first and ties by document number (search_export.leading): its shard carries the first
     meta.rows of them, its r/ files the next. */
  function leading(flat) {
    if (!leadingOf.has(flat)) {
      var n = flat.length / 2, most = meta.tiers[meta.tiers.length - 1], scores = new Float64Array(n), i, d;
      for (i = 0; i < n; i++) { scores[i] = flat[2 * i + 1]; }
      scores.sort();
      var edge = scores[n - Math.min(n, most)], candidates = [];
      for (i = 0, d = 0; i < flat.length; i += 2) { d += flat[i]; if (flat[i + 1] >= edge) { candidates.push([flat[i + 1], d]); } }
      candidates.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1]; });
      leadingOf.set(flat, candidates.slice(0, most).map(function (pair) { return pair[1]; }));
    }
    return leadingOf.get(flat);
  }
  /* A term's r/ files (search_export.tier_path) with their documents (``levelFiles``): none for a
     term found in at most meta.allRows documents (its shard carries every row; search_export.has_tier)
     or for a name too long. */
  function nextBest(term, flat) {
    var count = flat.length / 2;
    if (count <= meta.allRows || new TextEncoder().encode(term).length > meta.tierKeyMax) { return []; }
    return levelFiles("r/" + hexOf(term), count, meta.allRows, function () { return leading(flat); });
  }
  /* The next-rows files of a term (r/) or a lean prefix (p/), named from ``base``, with their
     documents: a level's file holds those ranked meta.rows to its end (meta.tiers), the levels'
     before it too (search_export.next_rows), and is there where the ``count`` documents reach past
     the level before (past ``floor`` for the first). ``ranked`` gives the best documents, best
     first, when a file is due. */
  function levelFiles(base, count, floor, ranked) {
    var files = [];
    meta.tiers.forEach(function (end, level) {
      if (count <= (level === 0 ? floor : meta.tiers[level - 1])) { return; }
      files.push([base + (level ? "." + level : "") + ".json", ranked().slice(meta.rows, end)]);
    });
    return files;
  }
  /* A lean completion file's prefix's best documents, as many as its last p/ file reaches, best
     first and ties by document number (search_export.prefix_leading): its terms' scores summed in
     term order, as the export sums them. */
  function prefixLeading(prefix) {
    if (!prefixLeadingOf[prefix]) {
      var terms = completionTerms[prefix], ranked = [];
      summed(sortedKeys(terms).map(function (t) { return terms[t]; })).forEach(function (s, d) { ranked.push([s, d]); });
      ranked.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1]; });
      prefixLeadingOf[prefix] = ranked.slice(0, meta.tiers[meta.tiers.length - 1]).map(function (pair) { return pair[1]; });
    }
    return prefixLeadingOf[prefix];
  }
  /* A lean completion file's prefix's p/ files (search_export.prefix_tier_path) with their
     documents (``levelFiles``): a file for each level its documents reach. */
  function prefixNextBest(prefix) {
    var ranked = prefixLeading(prefix);
    return levelFiles("p/" + hexOf(prefix), ranked.length, meta.rows, function () { return ranked; });
  }
  /* The documents whose rows a term's shard carries (search_export.carried): every one of a term
     found in at most meta.allRows, else its meta.rows best. */
  function carried(flat) {
    if (flat.length / 2 > meta.allRows) { return leading(flat).slice(0, meta.rows); }
    var all = [];
    for (var i = 0, d = 0; i < flat.length; i += 2) { d += flat[i]; all.push(d); }
    return all;
  }
  function piece(path) {
    if (!pieces[path]) {
      remembered(pieces, path, getJSON(path).then(function (loaded) {
        if (Array.isArray(loaded)) {  /* d/<n>.json: the rows of documents n*chunk on */
          var first = Number(path.slice(2, -5)) * meta.chunk;
          loaded.forEach(function (row, i) { rows[first + i] = row; });
        } else {  /* r/<term>.json, p/<prefix>.json: rows by document number */
          keepRows(loaded);
        }
      }));
    }
    return pieces[path];
  }
  /* Result rows: from the shards already loaded, else from files holding the rest: a chunk of
     documents, an r/ file of a common term of the query they rank among the next best of, a p/
     file of a lean completion file's prefix likewise, or the shard of a term of the query not
     loaded yet (a lean completion file's terms: their shards carry a rare term's every row and a
     common term's best). The fewest rows (so, about the fewest
     bytes) in at most ``budget`` files (``cover``); if no such choice exists, the fewest files
     (``fewest``). A file's size is counted in rows: a chunk's or an r/ file's own, a shard's as
     meta.allRows (about what SHARD_LIMIT compressed bytes hold). */
  function docs(numbers, terms, leanPrefixes, budget) {
    var missing = numbers.filter(function (n) { return !rows[n]; });
    if (!missing.length) { return Promise.resolve(numbers.map(function (n) { return rows[n]; })); }
    var files = rowFiles(missing, terms, leanPrefixes);
    var chosen = (budget > 0 && cover(missing, files, budget)) || fewest(missing, files);
    return Promise.all(chosen.map(function (path) { return files[path].load(path); })).then(function () {
      return numbers.map(function (n) { return rows[n]; });
    });
  }
  /* The files holding some of the ``missing`` rows, by path: the rows of those each holds, its
     size in rows and its loader. */
  function rowFiles(missing, terms, leanPrefixes) {
    var files = {}, wanted = new Set(missing);
    function offer(path, size, load, holds) {
      holds.forEach(function (doc) {
        if (!wanted.has(doc)) { return; }
        if (!files[path]) { files[path] = { docs: new Set(), size: size, load: load }; }
        files[path].docs.add(doc);
      });
    }
    missing.forEach(function (n) {
      var c = Math.floor(n / meta.chunk);
      offer("d/" + c + ".json", Math.min(meta.chunk, meta.docs - c * meta.chunk), piece, [n]);
    });
    leanPrefixes.forEach(function (prefix) {
      prefixNextBest(prefix).forEach(function (file) { offer(file[0], file[1].length, piece, file[1]); });
    });
    sortedKeys(terms).forEach(function (t) {
      var key = lookupKey(t);
      nextBest(t, terms[t]).forEach(function (file) { offer(file[0], file[1].length, piece, file[1]); });
      if (key !== null && !shards["t/" + hexOf(key) + ".json"]) {
        offer("t/" + hexOf(key) + ".json", meta.allRows, function () { return shard(key); }, carried(terms[t]));
      }
    });
    return files;
  }
  /* The files holding every missing row in the fewest rows, at most ``budget`` of them; null if
     none do. Each step branches on the files holding the first row still missing (at most a chunk,
     two r/ files and a shard for each term of the query, two p/ files for each lean prefix), so the
     search stays small. */
  function cover(missing, files, budget) {
    var paths = sortedKeys(files), best = null;
    function search(left, chosen, size) {
      if (best !== null && size >= best.size) { return; }
      if (!left.length) { best = { paths: chosen.slice(), size: size }; return; }
      if (chosen.length === budget) { return; }
      paths.forEach(function (path) {
        var holds = files[path].docs;
        if (!holds.has(left[0])) { return; }
        chosen.push(path);
        search(left.filter(function (d) { return !holds.has(d); }), chosen, size + files[path].size);
        chosen.pop();
      });
    }
    search(missing, [], 0);
    return best && best.paths;
  }
  /* Files holding every missing row, few of them: each round takes the file holding most of the
     rows still missing (the smaller on a tie). */
  function fewest(missing, files) {
    var left = new Set(missing), chosen = [];
    while (left.size) {
      var pick = null, most = 0;
      sortedKeys(files).forEach(function (path) {
        var count = 0;
        files[path].docs.forEach(function (d) { if (left.has(d)) { count++; } });
        if (count > most || (count === most && count > 0 && files[path].size < files[pick].size)) { pick = path; most = count; }
      });
      chosen.push(pick);
      files[pick].docs.forEach(function (d) { left.delete(d); });
    }
    return chosen;
  }
  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content) { el.textContent = content; }
    return el;
  }
  /* A profile's words joined by hyphens, as sitegen.search.HYPHENATED finds them: the index holds
     each whole too ("sea-level": "sealevel"). */
  var HYPHENATED = /(?<![\p{L}\p{N}\p{M}_'’.\-‐\u200c\u200d])[\p{L}\p{Nl}\p{No}][\p{L}\p{Nl}\p{No}\p{M}\u200c\u200d]*(?:[\-‐][\p{L}\p{Nl}\p{No}][\p{L}\p{Nl}\p{No}\p{M}\u200c\u200d]*)+(?![\p{L}\p{N}\p{M}_'’\-‐\u200c\u200d])/gu;
  function matched(word, terms) {
    var surface = folded(word);
    return Object.prototype.hasOwnProperty.call(terms, stem(surface)) ||
      Object.prototype.hasOwnProperty.call(terms, surface);
  }
  /* ``content`` with the words the search matched in <mark>, as the CLI's snippet marks them: a
     word is matched when its fold or stem is one of the search's index terms (``terms``), a
     hyphenated compound when the word it makes whole is ("sealevel" marks "sea-level"), and two
     words side by side when the word they make is ("heatwaves" marks "heat waves": the index
     holds it for them, sitegen.search.joined_words). Text nodes only: profile text is never
     parsed as markup. */
  function marked(tag, className, content, terms) {
    var el = text(tag, className), at = 0, source = content || "", spans = [], before = null;
    var masked = unspacedMasked(source), words = Array.from(masked.matchAll(WORD));
    Array.from(source.matchAll(UNSPACED)).forEach(function (run) {  /* stretches of matched pairs, whole (sitegen.search._Snippet) */
      var letters = lettersOf(run[0]), offset = run.index, start = null;
      if (letters.length === 1) {
        if (matched(run[0], terms)) { spans.push([offset, offset + run[0].length]); }
        return;
      }
      var hit = pairsOf(run[0]).map(function (pair) { return matched(pair, terms); });
      letters.concat([""]).forEach(function (letter, i) {  /* "": the run's end */
        var covered = hit[i] === true || hit[i - 1] === true;  /* in a matched pair starting here or before */
        if (covered && start === null) { start = offset; }
        if (!covered && start !== null) { spans.push([start, offset]); start = null; }
        offset += letter.length;
      });
    });
    Array.from(masked.matchAll(HYPHENATED)).forEach(function (match) {
      if (matched(match[0].replace(/[-‐]/g, ""), terms)) { spans.push([match.index, match.index + match[0].length]); }
    });
    words.forEach(function (match) {  /* two neighbours that may join (sitegen.search._neighbours) */
      if (!LETTERS.test(match[0])) { before = null; return; }
      if (before && GAP.test(source.slice(before.index + before[0].length, match.index))) {
        var first = folded(before[0]), second = folded(match[0]), start = before.index, end = match.index + match[0].length;
        /* Not over a mark already made: "sea-level rise", or "marine heat waves" once "heat waves" is one. */
        var clear = spans.every(function (span) { return end <= span[0] || start >= span[1]; });
        if (clear && Math.min(Array.from(first).length, Array.from(second).length) >= meta.joinPartMin &&
            matched(first + second, terms)) { spans.push([start, end]); }
      }
      before = match;
    });
    words.forEach(function (match) {
      var start = match.index, end = start + match[0].length;
      var within = spans.some(function (span) { return start >= span[0] && end <= span[1]; });
      if (!within && matched(match[0], terms)) { spans.push([start, end]); }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; }).forEach(function (span) {
      el.appendChild(document.createTextNode(source.slice(at, span[0])));
      el.appendChild(text("mark", null, source.slice(span[0], span[1])));
      at = span[1];
    });
    el.appendChild(document.createTextNode(source.slice(at)));
    return el;
  }
  /* An initials avatar as the pages draw it: the page's own rendering of templates/_photo.html (in
     #avatar-pattern) with its marks replaced in text and attribute values; never parsed as markup. */
  function avatar(initials, hue) {
    var pattern = document.getElementById("avatar-pattern");
    if (!pattern) { return document.createDocumentFragment(); }  // a site's own search.html without one
    var made = document.importNode(pattern.content, true);
    var marks = [[pattern.getAttribute("data-initials"), String(initials)],
      [pattern.getAttribute("data-hue"), String(Number(hue))]];
    function filled(value) {
      return marks.reduce(function (done, mark) { return done.split(mark[0]).join(mark[1]); }, value);
    }
    var walker = document.createTreeWalker(made, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        node.nodeValue = filled(node.nodeValue);
      } else {
        Array.prototype.slice.call(node.attributes).forEach(function (attribute) {
          node.setAttribute(attribute.name, filled(attribute.value));
        });
      }
    }
    return made;
  }
  /* A result's topics or languages: positions in meta.json's facet labels, shown by name. */
  function labelled(facet, positions) {
    return positions.map(function (at) { return meta.facets[facet][at][1]; }).join(", ");
  }
  /* Where a result is based and the media it gives interviews to, as its card on the topic pages
     says (templates/_card.html, which names the city too): its row's country and formats
     (search_export.packed_facets), by name. */
  function placeText(r) {
    var values = rowValues(r), parts = [];
    meta.facets.country.forEach(function (label) { if (values.country.has(label[0])) { parts.push("Based in " + label[1]); } });
    var media = meta.facets.format.filter(function (label) { return values.format.has(label[0]); });
    if (media.length) { parts.push("Media: " + media.map(function (label) { return label[1]; }).join(", ")); }
    return parts.join(" · ");
  }
  /* ``since``: the count of index files requested when the user's action began. */
  function renderResults(ranked, since) {
    var top = ranked.slice(0, shown).map(function (pair) { return pair[1]; });
    return docs(top, lastTerms, lastLean, REQUESTS - (requested - since)).then(function (found) {
      list.textContent = "";
      found.forEach(function (row) {
        var item = text("li", "result");
        item.setAttribute("data-slug", row[0]);
        if (Array.isArray(row[6])) {
          item.appendChild(avatar(row[6][0], row[6][1]));
        } else if (row[6]) {
          var img = document.createElement("img");
          img.src = siteUrl(row[6]);
          img.alt = ""; img.width = 80; img.height = 80; img.loading = "lazy";
          item.appendChild(img);
        }
        var body = text("div");
        var heading = text("h2");
        var link = text("a", null, row[1]);
        link.href = profileUrl(row);
        heading.appendChild(link);
        body.appendChild(heading);
        body.appendChild(marked("p", "title", row[2], lastTerms));
        body.appendChild(marked("p", null, row[3], lastTerms));
        body.appendChild(text("p", "small", labelled("topic", row[4]) + " · Interviews in " + labelled("language", row[5]) +
          (row[7] !== "available" ? " · " + (row[7] === "limited" ? "Limited availability" : "Unavailable") : "")));
        var place = placeText(row);
        if (place) { body.appendChild(text("p", "small place", place)); }
        item.appendChild(body);
        list.appendChild(item);
      });
      more.hidden = ranked.length <= shown;
    });
  }
  /* The count beside each facet value: the results (``total``, null for everyone) holding it
     and the other facets' chosen values, from each value's documents (``facets``). */
  function countsOf(total, filters, facets) {
    var counts = {};
    FACETS.concat(["available"]).forEach(function (name) {
      var ok = allowedBy(facets, filters, name);
      counts[name] = {};
      Object.keys(facets[name]).forEach(function (value) {
        counts[name][value] = facets[name][value].filter(function (d) {
          return ok(d) && (total === null || total.has(d));
        }).length;
      });
    });
    return counts;
  }
  /* The counts for these results and filters: before a search (everyone, no filter) meta.json's
     own (search_export.value_counts), else from the results' rows or facets.json (facetsFor). */
  function countsFor(total, filters) {
    if (total === null && !Object.keys(filters).length) {
      var counts = { available: { yes: meta.counts.available[0] } };
      FACETS.forEach(function (name) {
        counts[name] = {};
        meta.facets[name].forEach(function (label, at) { counts[name][label[0]] = meta.counts[name][at]; });
      });
      return Promise.resolve(counts);
    }
    return facetsFor(total, filters).then(function (facets) { return countsOf(total, filters, facets); });
  }
  function renderFacets(counts) {
    form.querySelector("label[for=facet-available]").textContent = "Available now (" + (counts.available.yes || 0) + ")";
    FACETS.forEach(function (name) {
      var select = form.elements.namedItem(name), current = select.value;
      while (select.options.length > 1) { select.remove(1); }
      meta.facets[name].forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1] + " (" + (counts[name][pair[0]] || 0) + ")";
        select.appendChild(option);
      });
      select.value = current;
    });
  }
  /* The query with its suggestions: whole words, folded as the index folds them
     (sitegen.search.corrected): "Migración" is the suggestion's key "migracion", and "ai" must
     not be replaced inside "rain". */
  function correctedQuery(query, suggestions) {
    var out = "", at = 0;
    Array.from(unspacedMasked(query).matchAll(WORD)).forEach(function (match) {  /* beside letters read in pairs without them */
      var key = folded(match[0]);
      out += query.slice(at, match.index) + (Object.prototype.hasOwnProperty.call(suggestions, key) ? suggestions[key] : match[0]);
      at = match.index + match[0].length;
    });
    return (out + query.slice(at)).trim();
  }
  /* Where no word of the query is in any profile and some have a suggestion, the corrected query
     is searched instead (SearchIndex.search): its plan, noting the query it stands for. */
  function planCorrected(query) {
    return plan(query).then(function (made) {
      /* A word this page's index does not have: a profile published since may have it. The page
         asks for no file then, so meets no missing one (``replaced``); it reads meta.json afresh
         instead (a 304 while the site is unchanged), if it has not for RECHECK_MS. */
      var unknown = made.plans.some(function (p) { return !p.length; });
      return unknown && Date.now() - metaCheckedAt > RECHECK_MS ? replaced().then(function () { return made; }) : made;
    }).then(function (made) {
      if (!Object.keys(made.suggestions).length || made.plans.some(function (p) { return p.length; })) { return made; }
      var instead = correctedQuery(query, made.suggestions);
      return plan(instead).then(function (fixed) { fixed.instead = instead; return fixed; });
    });
  }
  function renderHint(suggestions, query) {
    var pairs = Object.keys(suggestions);
    hint.textContent = "";
    hint.hidden = pairs.length === 0;
    if (!pairs.length) { return; }
    hint.appendChild(document.createTextNode("Did you mean "));
    var corrected = correctedQuery(query, suggestions);
    var button = text("button", null, corrected);
    button.type = "button";
    button.addEventListener("click", function () { input.value = corrected + " "; update(true); });
    hint.appendChild(button);
    hint.appendChild(document.createTextNode("?"));
  }
  function writeUrl(push) {
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set("q", input.value.trim()); }
    var f = chosenFilters();
    FACETS.forEach(function (name) { if (f[name]) { params.set(name, f[name]); } });
    if (f.available) { params.set("available", "1"); }
    var url = window.location.pathname + (params.toString() ? "?" + params.toString() : "");
    if (url !== window.location.pathname + window.location.search) {
      (push ? history.pushState : history.replaceState).call(history, null, "", url);
    }
  }
  /* The status's words on query words no profile has ("climate expert": every result is one). */
  function leftOutNote(words) {
    if (!words.length) { return ""; }
    var quoted = words.map(function (word) { return "\u201c" + word + "\u201d"; });
    var named = quoted.length > 1 ? quoted.slice(0, -1).join(", ") + " or " + quoted[quoted.length - 1] : quoted[0];
    return "No profile has " + named + ": results without " + (words.length > 1 ? "them" : "it") + ". ";
  }
  /* The status's words before the count: the corrected query searched instead, words left out,
     partial matches (SearchIndex.search and ranking; sitegen search says the same). */
  function queryNote(query, planned, total, ranked) {
    var note = "";
    if (planned.instead !== undefined) {
      note += "No profile has \u201c" + query.trim() + "\u201d: results for \u201c" + planned.instead + "\u201d. ";
    }
    note += leftOutNote(leftOut(planned.wanted, planned.plans).concat(planned.unfound));
    if (planned.excludedWords.length) {
      note += "Left out: experts matching " + planned.excludedWords.map(function (word) {
        return "\u201c" + word + "\u201d";
      }).join(" or ") + ". ";
    }
    if (total && anyWord.has(total) && ranked.length) { note += "No expert matches every word: these match some. "; }
    return note;
  }
  /* How many experts the words (``total``, null for everyone) find without the ``filters``, where
     the filters leave none of them (``ranked``, the whole filtered ranking); else 0. */
  function unfilteredCount(ranked, total, filters) {
    if (ranked.length || !Object.keys(filters).length) { return 0; }
    return total === null ? meta.docs : total.size;
  }
  /* The chosen filters as the form shows them: "Kenya · TV · Available now". */
  function filterNames(filters) {
    var names = FACETS.filter(function (name) { return filters[name] !== undefined; }).map(function (name) {
      var select = form.elements.namedItem(name);
      return select.options[select.selectedIndex].textContent.replace(/ \(\d+\)$/, "");
    });
    if (filters.available) { names.push("Available now"); }
    return names.join(" \u00b7 ");
  }
  /* The status's count of a whole ranking; where filters leave none of those the words find, how
     many they find without them (sitegen search says the same). */
  function countText(ranked, total, filters) {
    var anywhere = unfilteredCount(ranked, total, filters);
    if (anywhere) {
      return "No experts found with these filters (" + filterNames(filters) + "); " +
        (anywhere === 1 ? "1 expert" : anywhere + " experts") + " without them.";
    }
    return ranked.length === 0 ? "No experts found." : ranked.length === 1 ? "1 expert found." : ranked.length + " experts found.";
  }
  /* Where to turn when a whole ranking is empty: the notice, with the button to search without
     the filters where they left no one. */
  function showNone(ranked, total, filters) {
    var anywhere = unfilteredCount(ranked, total, filters);
    noneFound.hidden = ranked.length > 0;
    unfilter.hidden = !anywhere;
    unfilterButton.textContent = anywhere === 1 ? "Show the expert found without the filters" :
      "Show the " + anywhere + " experts found without the filters";
  }
  function run() {
    /* In NFC, as the profiles are (sitegen.search.SearchIndex.search): an "e" and a combining
       accent typed is the "é" the accent map folds. */
    var mine = ++runId, query = input.value.normalize("NFC"), filters = chosenFilters(), since = requested;
    var needFacets = Object.keys(filters).length > 0 || refine.open;
    var planned = null, total = null;
    var running = planCorrected(query).then(function (made) {
      planned = made;
      total = without(score(planned.plans), planned.excluded);
      return Object.keys(filters).length ? filtered(total, filters, planned.terms, planned.lean, since) :
        { ranked: rank(total, filters, null), whole: true };
    }).then(function (result) {
      var ranked = result.ranked;
      if (mine !== runId) { return; }
      lastRanked = ranked; lastTerms = planned.terms; lastLean = planned.lean; lastTotal = total; lastFilters = filters;
      renderHint(planned.instead === undefined ? planned.suggestions : {}, query);
      var any = query.trim() || Object.keys(filters).length;
      wordNote = queryNote(query, planned, total, ranked);
      status.textContent = linkNote + wordNote + (!any ? "" : result.whole ? countText(ranked, total, filters) : "Best matches shown; counting…");
      if (any && result.whole) { showNone(ranked, total, filters); } else { noneFound.hidden = true; }
      var shownNow = any ? renderResults(ranked, since) : Promise.resolve();
      if (!any) { list.textContent = ""; more.hidden = true; }
      /* The counts after the results: from the results' rows where they are all loaded, else
         facets.json (loaded once), which a query with thousands of results needs whole, or a
         single counted value's counting file (facetsFiltered). A search
         that showed its first results from rows alone (``walked``) is ranked whole with the
         same facets, and its count and the button for more shown then. */
      return shownNow.then(function () {
        if (mine !== runId || !needFacets) { return; }
        form.setAttribute("data-state", "counting");  /* results are on the page, counts to come */
        /* A task later: the results are painted before a large facets.json is asked for. */
        return new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () {
          if (mine !== runId) { return null; }
          if (result.whole) { return countsFor(total, filters); }
          /* The whole filtered ranking (its count, "Show more") from the chosen values' own files
             where facets.json is still to come, asked for beside it: a value's file is a few KB to
             facets.json's hundreds at 100,000 experts, so the count comes seconds sooner on a slow
             link, while only the facets' counts wait for facets.json. Whichever arrives first ranks.
             A value with a counting file ranks and counts from that file alone. */
          var ranked = false, local = fromRows(total);
          function rankWhole(facets) {
            if (ranked || mine !== runId) { return; }
            ranked = true;
            lastRanked = holding(result.everyone, filters, facets);
            status.textContent = linkNote + wordNote + countText(lastRanked, total, filters);
            showNone(lastRanked, total, filters);
            more.hidden = lastRanked.length <= shown;
          }
          if (!local && !facetsHeld(filters)) {
            /* facets.json's path reports a failure */
            (countingHead(filters) || valuesOf(filters)).then(rankWhole, function () {});
          }
          return (local ? Promise.resolve(local) : facetsFiltered(filters)).then(function (facets) {
            rankWhole(facets);
            return mine === runId ? countsOf(total, filters, facets) : null;
          });
        }).then(function (counts) {
          if (counts && mine === runId) { renderFacets(counts); }
        });
      });
    }).then(function () {
      if (mine === runId) { form.setAttribute("data-state", "done"); }  /* results and counts are on the page */
    }).catch(function (error) {
      if (mine !== runId) { return; }
      list.textContent = ""; more.hidden = true; noneFound.hidden = true;  /* no earlier search's results beside the message */
      failed(error.offline ?
        "You are offline, and this search needs files not kept on this device. Searches made here before still work." :
        UNAVAILABLE);
      throw error;
    });
    settled = running.catch(function () {});
    return running;
  }
  function update(push) {
    shown = 10; linkNote = "";
    form.setAttribute("data-state", "busy");
    writeUrl(push);
    return run();
  }
  /* ---- keeping the whole directory on this device (templates/offline-worker.js) ---- */
  /* Runs ``tasks`` (functions returning promises) ``width`` at a time; ``done`` after each. */
  function inTurn(tasks, width, done) {
    var next = 0, missed = 0;
    function lane() {
      if (next >= tasks.length) { return Promise.resolve(); }
      var task = tasks[next++];
      return task().catch(function () { missed++; }).then(function () { done(); return lane(); });
    }
    var lanes = [];
    for (var i = 0; i < width; i++) { lanes.push(lane()); }
    return Promise.all(lanes).then(function () { return missed; });
  }
  /* Every index file, asked for through the loaders that name them (so each name is made in one
     place), in three rounds: what meta.json names; then the next-rows files the shards and lean
     completion files name; then every expert's page and photo, named by the rows. The worker
     keeps each as it passes. */
  function keepAll(again) {
    var count = 0, lost = 0, label = keepButton.textContent;
    /* Progress on the button, not in the status: a screen reader hears the start and the end. */
    function progress() {
      count++;
      if (count % 50 === 0) { keepButton.textContent = "Keeping… " + count + " files"; }
    }
    var first = [], terms = {};
    shardOrder.forEach(function (key) {
      first.push(function () {
        return shard(key).then(function (loaded) { Object.keys(loaded).forEach(function (t) { terms[t] = loaded[t]; }); });
      });
    });
    completions.forEach(function (prefix) { first.push(function () { return completionFile(prefix); }); });
    meta.words.forEach(function (key) { first.push(function () { return wordsOf(key); }); });
    for (var c = 0; c * meta.chunk < meta.docs; c++) { first.push(piece.bind(null, "d/" + c + ".json")); }
    Object.keys(meta.facets).concat(["available"]).forEach(function (name) {
      var values = name === "available" ? ["yes", "no"] : meta.facets[name].map(function (label) { return label[0]; });
      values.forEach(function (value) { first.push(function () { return valueFile(name, value); }); });
    });
    (meta.counted || []).forEach(function (name) {  /* kept, not parsed: read only when a search needs one */
      meta.facets[name].forEach(function (label) {
        first.push(function () {
          return getFile(countingFileOf(name, label[0])).then(function (response) { return response.arrayBuffer(); });
        });
      });
    });
    first.push(ensureFacets);
    first.push(namesFile);
    keepButton.disabled = true;
    keepStatus.textContent = again === true ? "The directory has changed since it was kept here: keeping it again…" :
      "Keeping the directory on this device…";
    return inTurn(first, 4, progress).then(function (missed) {
      lost += missed;
      var second = [];
      Object.keys(terms).forEach(function (t) {
        nextBest(t, terms[t]).forEach(function (file) { second.push(piece.bind(null, file[0])); });
      });
      lean.forEach(function (prefix) {
        if (completionTerms[prefix]) {
          prefixNextBest(prefix).forEach(function (file) { second.push(piece.bind(null, file[0])); });
        }
      });
      return inTurn(second, 4, progress);
    }).then(function (missed) {
      lost += missed;
      var third = [];
      function page(url) {
        third.push(function () {
          return fetch(url).then(function (response) { if (!response.ok) { throw new Error(response.status); } });
        });
      }
      for (var d = 0; d < meta.docs; d++) {
        var row = rows[d];
        if (!row) { lost++; continue; }
        page(profileUrl(row));
        if (typeof row[6] === "string") { page(siteUrl(row[6])); }
      }
      return inTurn(third, 4, progress);
    }).then(function (missed) {
      lost += missed;
      keepButton.disabled = false;
      keepButton.textContent = label;
      keepStatus.textContent = lost ?
        "Kept " + (count - lost) + " files; " + lost + " could not be fetched. Try again with a better connection." :
        "Kept on this device: " + count + " files. Every search and every expert's page now work offline.";
      if (!lost) { note(KEPT, signature); }
    });
  }
  /* Offered where the index is small enough (meta.json's "keep": its bytes, else null) and a
     worker controls this page, so that what passes is kept. A directory kept whole (this device
     notes which build's index it kept) is kept again, once the first search is done, when the
     page sees another build's online: the worker has dropped the old index's files, which only
     that build's meta.json can read. Not on a connection asking to save data: the page says so. */
  function offerKeeping() {
    if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) { return; }
    var kept = noted(KEPT);
    if (!meta.keep) {
      if (kept !== null) { note(KEPT, null); }  /* grown past what is kept whole: searches made are still kept */
      return;
    }
    keepSection.querySelector(".keep-size").textContent = (meta.keep / 1e6).toFixed(1) + " MB";
    keepSection.hidden = false;
    if (kept === null || keepButton.disabled) { return; }
    if (kept === signature) {
      keepStatus.textContent = "Kept on this device: every search and every expert's page work offline.";
    } else if (navigator.connection && navigator.connection.saveData) {
      keepStatus.textContent = "The directory has changed since it was kept here. Keep it again to search all of it offline.";
    } else if (navigator.onLine) {
      keepButton.disabled = true;  /* one keeping at a time (this runs again when a worker takes over) */
      /* After the search this page opens with: run() sets ``settled`` as it starts, right after this. */
      Promise.resolve().then(function () { return settled; }).then(function () { return keepAll(true); });
    }
  }
  /* This device's note of a value (localStorage; null where there is none or none can be kept). */
  function noted(key) {
    try { return localStorage.getItem(key); } catch (error) { return null; }
  }
  function note(key, value) {
    try {
      if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, value); }
    } catch (error) { /* a private window: nothing is noted, and the directory is kept again by hand */ }
  }
  /* A short fingerprint of meta.json as read (FNV-1a over its JSON): another build's differs. */
  function fingerprint(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) { hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0; }
    return text.length + "-" + hash.toString(16);
  }
  /* The search in the address: its words and filters. A filter's value is matched as written, else
     regardless of case and accents (``fold``, as the index folds), by its code or by its name as
     the select shows it (``?country=us``, ``?language=spanish``, as ``sitegen search --language
     Spanish``); a value the index does not have (an old link's topic since renamed, a typo) is
     not chosen, and the status says so (``linkNote``) until the user's next change. */
  /* The state a link or the history gives: the query, and each filter whose value an option
     names, by its value or its name as the option shows it, in any case and without accents; a
     language or a country the options do not name, by the other names ``sitegen search`` takes
     (a language's in English or its own, a country's as its people name it, its three-letter code:
     names.json, asked for only then). A value no name finds is said, and not filtered by. */
  function readUrl() {
    var params = new URLSearchParams(window.location.search), unnamed = [];
    input.value = params.get("q") || "";
    form.elements.namedItem("available").checked = params.get("available") === "1";
    FACETS.forEach(function (name) {
      var select = form.elements.namedItem(name), wanted = params.get(name) || "";
      var options = Array.prototype.slice.call(select.options), typed = fold(wanted);
      var match = options.find(function (o) { return o.value === wanted; }) ||
        options.find(function (o) { return fold(o.value) === typed; }) ||
        options.find(function (o) { return o.value && fold(o.textContent.replace(/ \(\d+\)$/, "")) === typed; });
      select.value = match ? match.value : "";
      if (!match) { unnamed.push(name); }
    });
    var named = unnamed.some(function (name) { return name === "language" || name === "country"; }) ?
      namesFile().then(function (names) {
        unnamed = unnamed.filter(function (name) {
          var select = form.elements.namedItem(name), table = names[name] || {}, typed = fold(params.get(name));
          var value = Object.prototype.hasOwnProperty.call(table, typed) ? table[typed] : null;
          if (value === null || !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
            return true;
          }
          select.value = value;
          return false;
        });
      }, function () {}) :  /* offline, say: those values are said, as unknown */
      Promise.resolve();
    return named.then(function () {
      var missing = unnamed.map(function (name) {
        var label = form.querySelector("label[for='" + form.elements.namedItem(name).id + "']");
        return (label ? label.textContent.trim().toLowerCase() : name) + " \u201c" + params.get(name) + "\u201d";
      });
      var listed = missing.length > 1 ? missing.slice(0, -1).join(", ") + " or " + missing[missing.length - 1] : missing[0];
      linkNote = missing.length ? "No " + listed + " in this directory: the results are not filtered by " +
        (missing.length > 1 ? "them" : "it") + ". " : "";
    });
  }
  function namesFile() {
    if (!linkNames.names) { remembered(linkNames, "names", getJSON("names.json")); }
    return linkNames.names;
  }

  /* Each shard's [number of terms, 1 if exact else 0] from search_export.counted: a letter ("a" 1
     to "z" 26; upper case for an exact shard), or digits and ";" (led by "-" for an exact one). */
  function uncounted(text) {
    return (text.match(/[a-zA-Z]|-?\d+;/g) || []).map(function (token) {
      if (/[a-zA-Z]/.test(token)) { return [token.charCodeAt(0) & 31, token < "a" ? 1 : 0]; }
      return [Math.abs(parseInt(token, 10)), token.charAt(0) === "-" ? 1 : 0];
    });
  }
  /* sitegen.search_export.front_decoded: "0ab 1c 2d" is ab, ac, acd (a digit, then the rest). */
  function frontDecoded(text) {
    var words = [], previous = [];
    (text ? text.split(" ") : []).forEach(function (entry) {
      var chars = Array.from(entry);
      previous = previous.slice(0, Number(chars[0])).concat(chars.slice(1));
      words.push(previous.join(""));
    });
    return words;
  }

  /* meta.json is of another index format than this script reads: the host's files were replaced
     by another sitegen's while this browser kept the page and its script (for the host's max-age).
     Both are asked for afresh, which replaces the browser's copies, and the page reloads, once a
     visit; if that did not mend it (a site's own theme with an older search.js), search says it is
     unavailable rather than misreading the index. */
  function renew(version) {
    if (!firstThisVisit("sitegen-search-renewed-" + version) || !scriptUrl) { failed(UNAVAILABLE); return null; }
    return Promise.all([fetch(window.location.href, { cache: "reload" }), fetch(scriptUrl, { cache: "reload" })])
      .then(function () { window.location.reload(); });
  }
  getJSON("meta.json").then(function (loaded) {
    if (loaded.version !== VERSION) { return renew(loaded.version); }
    /* The index's stemmer: English's here, another as its script (stemming.stemmer_scripts) named it
       before this one ran. Without it (a site's own search.html that leaves it out), search says
       it is unavailable rather than stemming a query unlike the index. */
    var own = stemmers[loaded.stemmer], spellings = new Map(Object.entries(loaded.spellings));
    if (!own) { throw new Error("search: no script for the index's stemmer, " + loaded.stemmer); }
    /* British stems read as American ones, those that can change what a query finds here
       (sitegen.spelling): "organisation" finds what "organization" does. */
    stem = !spellings.size ? own : function (word) {
      var stemmed = own(word);
      return spellings.has(stemmed) ? spellings.get(stemmed) : stemmed;
    };
    signature = fingerprint(JSON.stringify(loaded));
    meta = loaded;
    meta.words = frontDecoded(meta.words);
    wordKeys = new Set(meta.words);
    /* Shards: front-coded keys and each one's number of terms and exactness (``uncounted``). */
    var keys = frontDecoded(meta.shards.keys), table = {};
    uncounted(meta.shards.terms).forEach(function (pair, i) { table[keys[i]] = pair; });
    meta.shards = table;
    shardOrder = keys.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    completions = new Set(frontDecoded(meta.completions));
    lean = new Set(frontDecoded(meta.lean));
    Object.keys(meta.facets).forEach(function (name) {
      meta.facets[name].forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0]; option.textContent = pair[1];
        form.elements.namedItem(name).appendChild(option);
      });
    });
    var reading = readUrl();
    refine.hidden = false;
    refine.addEventListener("toggle", function () {
      /* After the search under way, whose results' rows may spare facets.json (it counts them itself
         if the panel was open when it began). */
      if (refine.open) {
        settled.then(function () { return countsFor(lastTotal, lastFilters); }).then(renderFacets);
      }
    });
    document.querySelector(".no-js").hidden = true;
    if (keepSection) {  /* a site's own search.html may have none */
      offerKeeping();
      if ("serviceWorker" in navigator) { navigator.serviceWorker.addEventListener("controllerchange", offerKeeping); }
      keepButton.addEventListener("click", keepAll);
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      form.setAttribute("data-state", "busy");
      timer = setTimeout(function () { update(false); }, DEBOUNCE_MS);
    });
    form.addEventListener("change", function (event) { if (event.target !== input) { update(true); } });
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); update(true); });
    more.addEventListener("click", function () { shown += 10; renderResults(lastRanked, requested); });
    unfilterButton.addEventListener("click", function () {
      FACETS.forEach(function (name) { form.elements.namedItem(name).value = ""; });
      form.elements.namedItem("available").checked = false;
      input.focus();  /* the button is hidden as the results come: the search box keeps the keyboard's place */
      update(true);
    });
    window.addEventListener("popstate", function () {
      form.setAttribute("data-state", "busy");
      readUrl().then(run);
    });
    return reading.then(function () {
      if (Object.keys(chosenFilters()).length) { refine.open = true; }
      return run();
    });
  }).catch(function (error) {
    if (meta) { throw error; }  /* a search's own failure: run() has said so */
    document.querySelector(".no-js").hidden = true;  /* JavaScript runs: the index is what failed */
    failed(error.offline ? "You are offline, and search needs files not kept on this device." : UNAVAILABLE);
    throw error;
  });
  window.sitegenSearch = { stemmers: stemmers, words: words, cover: cover, fewest: fewest, uncounted: uncounted, apart: apart };
}());
