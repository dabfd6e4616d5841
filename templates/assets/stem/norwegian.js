/* sitegen search: the Norwegian stemmer of a Norwegian site's search page (loaded after
 * snowball.js and before search.js, which uses it when meta.json names it).
 * sitegen/stem_norwegian.py's ``norwegian``, step for step: Snowball's Norwegian algorithm read on
 * folded letters (a test compares the two on many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiouy\u00e6"), longest = S.longest;
  var sEnding = S.oneOf("bcdfghjlmnprtvyz");  /* not "o": folded, it may be an "ø" */
  var STEP1 = ["hetenes", "hetene", "hetens", "heter", "heten", "endes", "ande", "ende", "edes", "enes", "erte",
    "ede", "ane", "ene", "ens", "ers", "ets", "het", "ast", "ert", "en", "ar", "er", "as", "es", "et",
    "a", "e", "s"];
  var STEP2 = ["dt", "vt"];
  var STEP3 = ["hetslov", "eleg", "elig", "elov", "slov", "leg", "eig", "lig", "els", "lov", "ig"];
  /* A final "s" goes after an s-ending letter, or a "k" after a non-vowel. */
  function sGoes(word) {
    var before = word[word.length - 2];
    return sEnding(before) || (before === "k" && !isVowel(word[word.length - 3]));
  }
  function stemmed(word) {
    var r1 = Math.max(S.after(word, 0, isVowel), 3);
    var suffix = longest(word, STEP1, r1);
    word = suffix === "erte" || suffix === "ert" ? word.slice(0, -suffix.length) + "er" : S.inflection(word, r1, STEP1, sGoes);
    if (longest(word, STEP2, r1) !== null) { word = word.slice(0, -1); }
    suffix = longest(word, STEP3, r1);
    return suffix !== null ? word.slice(0, -suffix.length) : word;
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.norwegian = stemmed;
}());
