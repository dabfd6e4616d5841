/* sitegen search: the German stemmer of a German site's search page (loaded after snowball.js
 * and before search.js, which uses it when meta.json names it). sitegen/stem_german.py's
 * ``german``, step for step: Snowball's German algorithm read on folded letters (a test compares
 * the two on many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiouy"), longest = S.longest;
  var sEnding = S.oneOf("bdfghklmnrt"), stEnding = S.oneOf("bdfghklmnt");  /* before "s", "st" */
  function marked(word) {
    var letters = word.split("");
    for (var i = 1; i < letters.length - 1; i++) {
      if ((letters[i] === "u" || letters[i] === "y") && isVowel(letters[i - 1]) && isVowel(letters[i + 1])) {
        letters[i] = letters[i].toUpperCase();
      }
    }
    return letters.join("");
  }
  /* An umlaut written out ("ae", "oe", "ue"; not after "q") as the folded umlaut. */
  function spelledOut(word) {
    return word.replace(/qu|([aou])e/g, function (match, vowel) { return vowel || match; });
  }
  function step1(word, r1) {
    var suffix = longest(word, ["em", "ern", "er", "e", "en", "es", "s"]);
    if (suffix === null || word.length - suffix.length < r1) { return word; }
    if (suffix === "s") { return word.length > 1 && sEnding(word[word.length - 2]) ? word.slice(0, -1) : word; }
    word = word.slice(0, -suffix.length);
    return (suffix === "e" || suffix === "en" || suffix === "es") && word.endsWith("niss") ? word.slice(0, -1) : word;
  }
  function step2(word, r1) {
    var suffix = longest(word, ["en", "er", "est", "st"]);
    if (suffix === null || word.length - suffix.length < r1) { return word; }
    if (suffix === "st") { return word.length >= 6 && stEnding(word[word.length - 3]) ? word.slice(0, -2) : word; }
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
    word = spelledOut(marked(word));
    var r1 = word.length, r2 = word.length;
    if (word.length >= 3) {
      var first = S.after(word, 0, isVowel);
      r1 = Math.max(first, 3);
      r2 = S.after(word, first, isVowel);
    }
    return step3(step2(step1(word, r1), r1), r1, r2).replace(/U/g, "u").replace(/Y/g, "y");
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.german = stemmed;
}());
