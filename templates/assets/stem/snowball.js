/* sitegen search: what the stemmers in assets/stem/ share, as sitegen/stemming.py is what the
 * Python ones share. A site whose language has a stemmer loads it before that stemmer's script. */
(function () {
  "use strict";
  /* A test of one letter against ``letters`` (a language's vowels, the letters a rule looks for). */
  function oneOf(letters) {
    return function (c) { return c !== undefined && c.length === 1 && letters.indexOf(c) !== -1; };
  }
  /* The longest of ``suffixes`` ending the word inside the region from ``start``; null if none. */
  function longest(word, suffixes, start) {
    var best = null;
    suffixes.forEach(function (suffix) {
      if (word.endsWith(suffix) && word.length - suffix.length >= (start || 0) &&
          (best === null || suffix.length > best.length)) { best = suffix; }
    });
    return best;
  }
  /* ``word`` without a trailing ``suffix`` if the suffix lies in the region from ``start``. */
  function without(word, suffix, start) {
    return word.endsWith(suffix) && word.length - suffix.length >= start ? word.slice(0, -suffix.length) : word;
  }
  /* R1 from the word's start, R2 from R1's: after the first non-vowel that follows a vowel. */
  function after(word, start, isVowel) {
    for (var i = start + 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) { return i + 1; }
    }
    return word.length;
  }
  /* Step 1 of Swedish, Danish and Norwegian (stemming.inflection_removed): the longest of
     ``suffixes`` in R1 removed, a final "s" only where ``sGoes(word)`` says. */
  function inflection(word, r1, suffixes, sGoes) {
    var suffix = longest(word, suffixes, r1);
    if (suffix === null || (suffix === "s" && !sGoes(word))) { return word; }
    return word.slice(0, -suffix.length);
  }
  /* RV (Spanish's, Portuguese's, Italian's: stemming.region_rv). */
  function rv(word, isVowel) {
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
  /* Step 1's rules (Spanish's, Portuguese's, Italian's: stemming.py's ``Standard`` and its rules):
     what follows a standard suffix's removal, (the stem, the word's regions {rv, r1, r2}) -> the
     word, or null if the suffix stays after all. */
  function kept(stem) { return stem; }
  function then(suffix) { return function (stem, regions) { return without(stem, suffix, regions.r2); }; }
  function either(suffixes) {
    return function (stem, regions) {
      var before = longest(stem, suffixes);
      return before !== null && stem.length - before.length >= regions.r2 ? stem.slice(0, -before.length) : stem;
    };
  }
  /* After "amente": the longest of ``before`` removed in R2, and "at" before an "iv" too. */
  function adverb(before) {
    return function (stem, regions) {
      var suffix = longest(stem, before);
      if (suffix === null || stem.length - suffix.length < regions.r2) { return stem; }
      stem = stem.slice(0, -suffix.length);
      return suffix === "iv" ? without(stem, "at", regions.r2) : stem;
    };
  }
  /* Standard suffixes from rules [suffixes, their region's name, what replaces them, what follows]:
     {table: each suffix -> [region, replacement, rule], suffixes}. */
  function standard(rules) {
    var table = {};
    rules.forEach(function (rule) {
      rule[0].forEach(function (suffix) { table[suffix] = rule.slice(1); });
    });
    return { table: table, suffixes: Object.keys(table) };
  }
  /* Step 1: the word without the longest of ``suffixes``' (``standard``'s), or null. */
  function standardSuffix(word, suffixes, regions) {
    var suffix = longest(word, suffixes.suffixes);
    if (suffix === null) { return null; }
    var found = suffixes.table[suffix];
    if (word.length - suffix.length < regions[found[0]]) { return null; }
    var stem = found[2](word.slice(0, -suffix.length), regions);
    return stem === null ? null : stem + found[1];
  }
  window.sitegenSnowball = { oneOf: oneOf, longest: longest, without: without, after: after, rv: rv,
    kept: kept, then: then, either: either, adverb: adverb, standard: standard, standardSuffix: standardSuffix,
    inflection: inflection };
}());
