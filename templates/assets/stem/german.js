/* sitegen search: the German stemmer of a German site's search page (loaded before search.js,
 * which uses it when meta.json names it). sitegen/stem_german.py's ``german``, step for step:
 * Snowball's German algorithm read on folded letters (a test compares the two on many words). */
(function () {
  "use strict";
  var VOWELS = "aeiouy", S_ENDING = "bdfghklmnrt", ST_ENDING = "bdfghklmnt";
  function isVowel(c) { return c !== undefined && VOWELS.indexOf(c) !== -1; }
  function isIn(letters, c) { return c !== undefined && c.length === 1 && letters.indexOf(c) !== -1; }
  /* The longest of ``suffixes`` ending the word inside the region from ``start``; null if none. */
  function longest(word, suffixes, start) {
    var best = null;
    suffixes.forEach(function (suffix) {
      if (word.endsWith(suffix) && word.length - suffix.length >= (start || 0) &&
          (best === null || suffix.length > best.length)) { best = suffix; }
    });
    return best;
  }
  function after(word, start) {
    for (var i = start + 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) { return i + 1; }
    }
    return word.length;
  }
  function marked(word) {
    var letters = word.split("");
    for (var i = 1; i < letters.length - 1; i++) {
      if ((letters[i] === "u" || letters[i] === "y") && isVowel(letters[i - 1]) && isVowel(letters[i + 1])) {
        letters[i] = letters[i].toUpperCase();
      }
    }
    return letters.join("");
  }
  function step1(word, r1) {
    var suffix = longest(word, ["em", "ern", "er", "e", "en", "es", "s"]);
    if (suffix === null || word.length - suffix.length < r1) { return word; }
    if (suffix === "s") { return word.length > 1 && isIn(S_ENDING, word[word.length - 2]) ? word.slice(0, -1) : word; }
    word = word.slice(0, -suffix.length);
    return (suffix === "e" || suffix === "en" || suffix === "es") && word.endsWith("niss") ? word.slice(0, -1) : word;
  }
  function step2(word, r1) {
    var suffix = longest(word, ["en", "er", "est", "st"]);
    if (suffix === null || word.length - suffix.length < r1) { return word; }
    if (suffix === "st") { return word.length >= 6 && isIn(ST_ENDING, word[word.length - 3]) ? word.slice(0, -2) : word; }
    return word.slice(0, -suffix.length);
  }
  function step3(word, r1, r2) {
    var suffix = longest(word, ["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"]);
    if (suffix === null || word.length - suffix.length < r2) { return word; }
    var stem = word.slice(0, -suffix.length);
    if (suffix === "ig" || suffix === "ik" || suffix === "isch") { return stem.endsWith("e") ? word : stem; }
    if (suffix === "end" || suffix === "ung") {
      return stem.endsWith("ig") && stem.length - 2 >= r2 && !stem.slice(0, -2).endsWith("e") ? stem.slice(0, -2) : stem;
    }
    if (suffix === "lich" || suffix === "heit") {
      return (stem.endsWith("er") || stem.endsWith("en")) && stem.length - 2 >= r1 ? stem.slice(0, -2) : stem;
    }
    var before = longest(stem, ["lich", "ig"], r2);  /* after "keit" */
    return before !== null ? stem.slice(0, -before.length) : stem;
  }
  function stemmed(word) {
    word = marked(word);
    var r1 = word.length, r2 = word.length;
    if (word.length >= 3) {
      var first = after(word, 0);
      r1 = Math.max(first, 3);
      r2 = after(word, first);
    }
    return step3(step2(step1(word, r1), r1), r1, r2).replace(/U/g, "u").replace(/Y/g, "y");
  }
  /* Python counts a letter beyond U+FFFF as one character, JavaScript as two: such a word is
     stemmed with each of those letters as one (a consonant), and they are put back in the stem,
     which is the word's beginning. */
  function german(word) {
    if (!/[\uD800-\uDFFF]/.test(word)) { return stemmed(word); }
    var letters = Array.from(word), flat = letters.map(function (c) { return c.length > 1 ? "\uE000" : c; }).join("");
    var stem = stemmed(flat), same = 0;
    while (same < stem.length && stem[same] === flat[same]) { same++; }
    return letters.slice(0, same).join("") + stem.slice(same);
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.german = german;
}());
