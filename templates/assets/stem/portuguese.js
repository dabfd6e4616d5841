/* sitegen search: the Portuguese stemmer of a Portuguese site's search page (loaded before
 * search.js, which uses it when meta.json names it). sitegen/stem_portuguese.py's
 * ``portuguese``, step for step: Snowball's Portuguese algorithm read on folded letters (a test
 * compares the two on many words). */
(function () {
  "use strict";
  var VOWELS = "aeiou";
  function isVowel(c) { return c !== undefined && c.length === 1 && VOWELS.indexOf(c) !== -1; }
  /* The longest of ``suffixes`` ending the word inside the region from ``start``; null if none. */
  function longest(word, suffixes, start) {
    var best = null;
    suffixes.forEach(function (suffix) {
      if (word.endsWith(suffix) && word.length - suffix.length >= (start || 0) &&
          (best === null || suffix.length > best.length)) { best = suffix; }
    });
    return best;
  }
  function without(word, suffix, start) {
    return word.endsWith(suffix) && word.length - suffix.length >= start ? word.slice(0, -suffix.length) : word;
  }
  function after(word, start) {
    for (var i = start + 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) { return i + 1; }
    }
    return word.length;
  }
  function rvOf(word) {
    if (word.length < 2) { return word.length; }
    var i;
    if (!isVowel(word[1])) {
      for (i = 2; i < word.length; i++) { if (isVowel(word[i])) { return i + 1; } }
      return word.length;
    }
    if (isVowel(word[0])) {
      for (i = 2; i < word.length; i++) { if (!isVowel(word[i])) { return i + 1; } }
      return word.length;
    }
    return Math.min(3, word.length);
  }
  /* What follows a step-1 suffix's removal: (the stem, RV, R1, R2) -> the word, or null. */
  function kept(stem) { return stem; }
  function thenAt(stem, rv, r1, r2) { return without(stem, "at", r2); }
  function either(suffixes) {
    return function (stem, rv, r1, r2) {
      var before = longest(stem, suffixes);
      return before !== null && stem.length - before.length >= r2 ? stem.slice(0, -before.length) : stem;
    };
  }
  function adverb(stem, rv, r1, r2) {
    var before = longest(stem, ["iv", "os", "ic", "ad"]);
    if (before === null || stem.length - before.length < r2) { return stem; }
    stem = stem.slice(0, -before.length);
    return before === "iv" ? without(stem, "at", r2) : stem;
  }
  function ira(stem) { return stem.endsWith("e") ? stem + "ir" : null; }
  var STANDARD = {};
  function rule(suffixes, region, replacement, then) {
    suffixes.forEach(function (suffix) { STANDARD[suffix] = [region, replacement, then]; });
  }
  rule(["eza", "ezas", "ico", "ica", "icos", "icas", "ismo", "ismos", "avel", "ivel", "ista", "istas", "oso", "osa",
    "osos", "osas", "amento", "amentos", "imento", "imentos", "adora", "ador", "acao", "adoras", "adores", "acoes",
    "ante", "antes", "ancia"], "r2", "", kept);
  rule(["logia", "logias"], "r2", "log", kept);
  rule(["ucao", "ucoes"], "r2", "u", kept);
  rule(["encia", "encias"], "r2", "ente", kept);
  rule(["amente"], "r1", "", adverb);
  rule(["mente"], "r2", "", either(["ante", "avel", "ivel"]));
  rule(["idade", "idades"], "r2", "", either(["abil", "ic", "iv"]));
  rule(["iva", "ivo", "ivas", "ivos"], "r2", "", thenAt);
  rule(["ira", "iras"], "rv", "", ira);
  var STANDARD_SUFFIXES = Object.keys(STANDARD);
  var VERB = ["ada", "ida", "ia", "aria", "eria", "iria", "ara", "era", "ira", "ava", "asse", "esse", "isse", "aste",
    "este", "iste", "ei", "arei", "erei", "irei", "am", "iam", "ariam", "eriam", "iriam", "aram", "eram",
    "iram", "avam", "em", "arem", "erem", "irem", "assem", "essem", "issem", "ado", "ido", "ando", "endo",
    "indo", "arao", "erao", "irao", "ar", "er", "ir", "as", "adas", "idas", "ias", "arias", "erias",
    "irias", "aras", "eras", "iras", "avas", "es", "ardes", "erdes", "irdes", "ares", "eres", "ires",
    "asses", "esses", "isses", "astes", "estes", "istes", "is", "ais", "eis", "ieis", "arieis", "erieis",
    "irieis", "areis", "ereis", "ireis", "asseis", "esseis", "isseis", "aveis", "ados", "idos", "amos",
    "iamos", "ariamos", "eriamos", "iriamos", "aramos", "eramos", "iramos", "avamos", "emos", "aremos",
    "eremos", "iremos", "assemos", "essemos", "issemos", "imos", "armos", "ermos", "irmos", "eu", "iu", "ou"];

  function standardSuffix(word, rv, r1, r2) {
    var suffix = longest(word, STANDARD_SUFFIXES);
    if (suffix === null) { return null; }
    var found = STANDARD[suffix], region = { rv: rv, r1: r1, r2: r2 }[found[0]];
    if (word.length - suffix.length < region) { return null; }
    var stem = found[2](word.slice(0, -suffix.length), rv, r1, r2);
    return stem === null ? null : stem + found[1];
  }
  function verbSuffix(word, rv) {
    var ending = longest(word, VERB, rv);
    return ending === null ? null : word.slice(0, -ending.length);
  }
  function residualForm(word, rv) {
    if (!word.endsWith("e") || word.length - 1 < rv) { return word; }
    word = word.slice(0, -1);
    return (word.endsWith("gu") || word.endsWith("ci")) && word.length - 1 >= rv ? word.slice(0, -1) : word;
  }
  function stemmed(word) {
    if (word.endsWith("oes") && word.length > 3) { word = word.slice(0, -3) + "ao"; }
    var rv = rvOf(word), r1 = after(word, 0), r2 = after(word, r1);
    var changed = standardSuffix(word, rv, r1, r2);
    if (changed === null) { changed = verbSuffix(word, rv); }
    if (changed !== null) {
      word = changed.endsWith("ci") && changed.length - 1 >= rv ? changed.slice(0, -1) : changed;
    } else {
      var ending = longest(word, ["os", "a", "i", "o"]);
      if (ending !== null && word.length - ending.length >= rv) { word = word.slice(0, -ending.length); }
    }
    return residualForm(word, rv);
  }
  /* Python counts a letter beyond U+FFFF as one character, JavaScript as two: such a word is
     stemmed with each of those letters as one (a consonant), and they are put back in the stem,
     which is the word's beginning and perhaps a few letters of a replacement. */
  function portuguese(word) {
    if (!/[\uD800-\uDFFF]/.test(word)) { return stemmed(word); }
    var letters = Array.from(word), flat = letters.map(function (c) { return c.length > 1 ? "\uE000" : c; }).join("");
    var stem = stemmed(flat), same = 0;
    while (same < stem.length && stem[same] === flat[same]) { same++; }
    return letters.slice(0, same).join("") + stem.slice(same);
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.portuguese = portuguese;
}());
