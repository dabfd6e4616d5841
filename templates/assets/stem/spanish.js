/* sitegen search: the Spanish stemmer of a Spanish site's search page (loaded before search.js,
 * which uses it when meta.json names it). sitegen/stemming.py's ``spanish``, step for step:
 * Snowball's Spanish algorithm read on folded letters (a test compares the two on many words). */
(function () {
  "use strict";
  var VOWELS = "aeiou";
  function isVowel(c) { return c !== undefined && VOWELS.indexOf(c) !== -1; }
  var PRONOUNS = ["selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo"];
  var BEFORE_PRONOUN = ["iendo", "ando", "ar", "er", "ir", "yendo"];
  var DELETED = ["anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles",
    "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos"];
  var AGENTS = ["adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"];
  var Y_VERB = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos"];
  var GU_VERB = ["en", "es", "eis", "emos"];
  var VERB = GU_VERB.concat([
    "arian", "aran", "aras", "ariais", "areis", "ariamos", "aremos", "ara",
    "erian", "eran", "eriais", "ereis", "eriamos", "eremos",
    "irian", "iriais", "ireis", "iriamos", "iremos",
    "aba", "ada", "ida", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "ieran",
    "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "ar", "er", "ir", "as", "abas",
    "adas", "idas", "ieras", "ases", "ieses", "abais", "iais", "arais", "ierais", "aseis", "ieseis",
    "asteis", "isteis", "ados", "idos", "amos", "abamos", "iamos", "imos", "ieramos", "iesemos"]);
  var RESIDUAL = ["os", "a", "o", "e"];

  /* The word ends in ``suffix``, which lies in the region beginning at ``start``. */
  function endsIn(word, suffix, start) {
    return word.endsWith(suffix) && word.length - suffix.length >= (start || 0);
  }
  /* R1 from the word's start, R2 from R1's: after the first non-vowel that follows a vowel. */
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
  /* The longest of ``suffixes`` ending the word inside the region from ``start``; null if none. */
  function longest(word, suffixes, start) {
    var best = null;
    suffixes.forEach(function (suffix) {
      if (endsIn(word, suffix, start) && (best === null || suffix.length > best.length)) { best = suffix; }
    });
    return best;
  }
  function without(word, suffix, start) {
    return endsIn(word, suffix, start) ? word.slice(0, -suffix.length) : word;
  }
  /* What follows a step-1 suffix's removal: (the word without it, R1, R2) -> the word. */
  function kept(word) { return word; }
  function thenIc(word, r1, r2) { return without(word, "ic", r2); }
  function thenAt(word, r1, r2) { return without(word, "at", r2); }
  function adverb(word, r1, r2) {
    var before = longest(word, ["iv", "os", "ic", "ad"]);
    if (before === null || word.length - before.length < r2) { return word; }
    word = word.slice(0, -before.length);
    return before === "iv" ? without(word, "at", r2) : word;
  }
  function either(suffixes) {
    return function (word, r1, r2) {
      var before = longest(word, suffixes);
      return before !== null && word.length - before.length >= r2 ? word.slice(0, -before.length) : word;
    };
  }
  var STANDARD = {};
  function rule(suffixes, region, replacement, then) {
    suffixes.forEach(function (suffix) { STANDARD[suffix] = [region, replacement, then]; });
  }
  rule(DELETED, "r2", "", kept);
  rule(AGENTS, "r2", "", thenIc);
  rule(["logia", "logias"], "r2", "log", kept);
  rule(["ucion", "uciones"], "r2", "u", kept);
  rule(["encia", "encias"], "r2", "ente", kept);
  rule(["amente"], "r1", "", adverb);
  rule(["mente"], "r2", "", either(["ante", "able", "ible"]));
  rule(["idad", "idades"], "r2", "", either(["abil", "ic", "iv"]));
  rule(["iva", "ivo", "ivas", "ivos"], "r2", "", thenAt);
  var STANDARD_SUFFIXES = Object.keys(STANDARD);

  function attachedPronoun(word, rv) {
    var pronoun = longest(word, PRONOUNS);
    if (pronoun === null) { return word; }
    var verb = word.slice(0, -pronoun.length), ending = longest(verb, BEFORE_PRONOUN);
    if (ending === null || verb.length - ending.length < rv ||
        (ending === "yendo" && !verb.slice(0, -ending.length).endsWith("u"))) { return word; }
    return verb;
  }
  /* Step 1: the word without its standard suffix, or null if it has none in its region. */
  function standardSuffix(word, r1, r2) {
    var suffix = longest(word, STANDARD_SUFFIXES);
    if (suffix === null) { return null; }
    var found = STANDARD[suffix];
    if (word.length - suffix.length < (found[0] === "r1" ? r1 : r2)) { return null; }
    return found[2](word.slice(0, -suffix.length), r1, r2) + found[1];
  }
  /* Steps 2a and 2b: a "y" verb ending after "u", else another verb ending, in RV. */
  function verbSuffix(word, rv) {
    var ending = longest(word, Y_VERB, rv);
    if (ending !== null && word.slice(0, -ending.length).endsWith("u")) { return word.slice(0, -ending.length); }
    ending = longest(word, VERB, rv);
    if (ending === null) { return word; }
    word = word.slice(0, -ending.length);
    return GU_VERB.indexOf(ending) !== -1 && word.endsWith("gu") ? word.slice(0, -1) : word;
  }
  function residualSuffix(word, rv) {
    var ending = longest(word, RESIDUAL);
    if (ending === null || word.length - ending.length < rv) { return word; }
    word = word.slice(0, -ending.length);
    return ending === "e" && word.endsWith("gu") && word.length - 1 >= rv ? word.slice(0, -1) : word;
  }
  function stemmed(word) {
    var rv = rvOf(word), r1 = after(word, 0), r2 = after(word, r1);
    word = attachedPronoun(word, rv);
    var standard = standardSuffix(word, r1, r2);
    word = standard === null ? verbSuffix(word, rv) : standard;
    return residualSuffix(word, rv);
  }
  /* Python counts a letter beyond U+FFFF as one character, JavaScript as two: such a word is
     stemmed with each of those letters as one (a consonant), and they are put back in the stem,
     which is the word's beginning and perhaps a few letters of a replacement. */
  function spanish(word) {
    if (!/[\uD800-\uDFFF]/.test(word)) { return stemmed(word); }
    var letters = Array.from(word), flat = letters.map(function (c) { return c.length > 1 ? "\uE000" : c; }).join("");
    var stem = stemmed(flat), same = 0;
    while (same < stem.length && stem[same] === flat[same]) { same++; }
    return letters.slice(0, same).join("") + stem.slice(same);
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.spanish = spanish;
}());
