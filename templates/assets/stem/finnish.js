/* sitegen search: the Finnish stemmer of a Finnish site's search page (loaded after snowball.js
 * and before search.js, which uses it when meta.json names it). Snowball's Finnish algorithm,
 * what sitegen/stem_finnish.py's ``finnish`` is (PyStemmer's), step for step, on folded letters:
 * each of its endings written with "ä" or "ö" is here the same ending with "a" or "o", which the
 * algorithm reads alike (a test compares the two on many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, longest = S.longest, isVowel = S.oneOf("aeiouy");
  var consonant = S.oneOf("bcdfghjklmnpqrstvwxz"), particleEnd = S.oneOf("aeinotuy");
  var plain = S.oneOf("aeiou");  /* the vowels of a long vowel, and before an "i" (Snowball's LV, VI) */
  var PARTICLES = ["kaan", "sti", "han", "kin", "pa", "ko"];
  var POSSESSIVES = ["nsa", "mme", "nne", "ni", "si", "an", "en"];
  var CASES = ["a", "lla", "na", "ssa", "ta", "lta", "sta", "tta", "lle", "ine", "ksi", "n",
    "han", "hen", "hin", "hon", "hun", "den", "tten", "siin", "seen"];
  var OTHERS = ["eja", "mma", "imma", "mpa", "impa", "mmi", "immi", "mpi", "impi"];
  /* The letters Snowball looks for inside R1 before a case ending, or at the end, are vowels; the
     letter before R1 never is one (R1 begins after a consonant), so a vowel test there needs no
     region but the word's last letter's. */
  function longVowel(word) {  /* "aa" ... "uu" */
    return plain(word[word.length - 1]) && word[word.length - 1] === word[word.length - 2];
  }
  function vowelI(word) {  /* "ai", "ei", "ii", "oi" or "ui" */
    return word[word.length - 1] === "i" && plain(word[word.length - 2]);
  }
  function after(letter) { return function (rest) { return rest[rest.length - 1] === letter; }; }
  /* What a case ending's removal asks of the letters before it; where it fails, the ending's final
     "n" alone is the case ending. */
  var BEFORE = { han: after("a"), hen: after("e"), hin: after("i"), hon: after("o"), hun: after("u"),
    den: vowelI, tten: vowelI, siin: vowelI, seen: longVowel };
  function endsPo(word, suffix) { return word.slice(0, -suffix.length).endsWith("po"); }
  function particle(word, r1, r2) {
    var suffix = longest(word, PARTICLES, r1);
    if (suffix === "sti") { return word.length - 3 >= r2 ? word.slice(0, -3) : word; }
    return suffix !== null && particleEnd(word[word.length - suffix.length - 1]) ? word.slice(0, -suffix.length) : word;
  }
  function possessive(word, r1) {
    var suffix = longest(word, POSSESSIVES, r1);
    if (suffix === null) { return word; }
    var rest = word.slice(0, -suffix.length);
    if (suffix === "si") { return rest[rest.length - 1] === "k" ? word : rest; }
    if (suffix === "ni") { return rest.endsWith("kse") ? rest.slice(0, -1) + "i" : rest; }
    if (suffix === "an") { return longest(rest, ["lla", "na", "ssa", "ta"]) !== null ? rest : word; }
    if (suffix === "en") { return rest.endsWith("lle") || rest.endsWith("ine") ? rest : word; }
    return rest;
  }
  /* Step 3: the word without its case ending, or null if it has none that goes. */
  function caseEnding(word, r1) {
    var suffix = longest(word, CASES, r1);
    if (suffix === null) { return null; }
    var rest = word.slice(0, -suffix.length);
    if (BEFORE[suffix] && !BEFORE[suffix](rest)) {
      suffix = "n";
      rest = word.slice(0, -1);
    }
    if (suffix === "n") { return longVowel(rest) || rest.endsWith("ie") ? rest.slice(0, -1) : rest; }
    if (suffix === "a") { return isVowel(rest[rest.length - 1]) && consonant(rest[rest.length - 2]) ? rest : null; }
    if (suffix === "tta") { return rest[rest.length - 1] === "e" ? rest : null; }
    return rest;
  }
  function otherEnding(word, r2) {
    var suffix = longest(word, OTHERS, r2);
    if (suffix === null || (suffix.length === 3 && suffix !== "eja" && endsPo(word, suffix))) { return word; }
    return word.slice(0, -suffix.length);
  }
  /* Step 5 without a case ending: a plural's "t" after a vowel, in R1, and then a superlative's
     "imma", or "mma" not after "po", in R2. */
  function tPlural(word, r1, r2) {
    var n = word.length;
    if (!(n - 1 >= r1 && word[n - 1] === "t" && isVowel(word[n - 2]))) { return word; }
    word = word.slice(0, -1);
    var suffix = longest(word, ["imma", "mma"], r2);
    return suffix === null || (suffix === "mma" && endsPo(word, suffix)) ? word : word.slice(0, -suffix.length);
  }
  /* Step 6: inside R1, a long vowel shortened, a last "a", "e" or "i" after a consonant, the "j"
     of "oj" and "uj", the "o" of "jo" removed; then a doubled consonant before the last vowels
     undoubled, anywhere. */
  function tidy(word, r1) {
    var n = word.length;
    if (n - 1 >= r1 && longVowel(word)) { word = word.slice(0, -1); }
    n = word.length;
    if (n - 2 >= r1 && "aei".indexOf(word[n - 1]) !== -1 && consonant(word[n - 2])) { word = word.slice(0, -1); }
    n = word.length;
    if (n - 1 >= r1 && word[n - 1] === "j" && (word[n - 2] === "o" || word[n - 2] === "u")) { word = word.slice(0, -1); }
    n = word.length;
    if (n - 2 >= r1 && word[n - 1] === "o" && word[n - 2] === "j") { word = word.slice(0, -1); }
    var i = word.length - 1;
    while (i >= 0 && isVowel(word[i])) { i--; }
    if (i >= 1 && consonant(word[i]) && word[i - 1] === word[i]) { word = word.slice(0, i) + word.slice(i + 1); }
    return word;
  }
  function stemmed(word) {
    var r1 = S.after(word, 0, isVowel), r2 = S.after(word, r1, isVowel);
    word = possessive(particle(word, r1, r2), r1);
    var removed = caseEnding(word, r1);
    word = otherEnding(removed === null ? word : removed, r2);
    var n = word.length;
    if (removed === null) {
      word = tPlural(word, r1, r2);
    } else if (n - 1 >= r1 && (word[n - 1] === "i" || word[n - 1] === "j")) {
      word = word.slice(0, -1);
    }
    return tidy(word, r1);
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.finnish = stemmed;
}());
