/* sitegen search: the Swedish stemmer of a Swedish site's search page (loaded after snowball.js
 * and before search.js, which uses it when meta.json names it). sitegen/stem_swedish.py's
 * ``swedish``, step for step: Snowball's Swedish algorithm read on folded letters (a test compares
 * the two on many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiouy"), longest = S.longest;
  var sEnding = S.oneOf("bcdfghjklmnprtvy");  /* not "o": folded, it may be an "ö" */
  var STEP1 = ["heterna", "hetens", "heter", "heten", "anden", "arnas", "ernas", "ornas", "andes", "andet", "arens",
    "arna", "erna", "orna", "ande", "arne", "aste", "aren", "ades", "erns", "ade", "are", "ern", "ens",
    "het", "ast", "ad", "en", "ar", "er", "or", "as", "es", "at", "a", "e", "s"];
  var STEP2 = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];
  var STEP3 = ["fullt", "lost", "els", "lig", "ig"];  /* "lost": Snowball's "löst" */
  function stemmed(word) {
    var r1 = Math.max(S.after(word, 0, isVowel), 3);
    word = S.inflection(word, r1, STEP1, function (w) { return sEnding(w[w.length - 2]); });
    if (longest(word, STEP2, r1) !== null) { word = word.slice(0, -1); }
    var suffix = longest(word, STEP3, r1);
    if (suffix === "fullt" || suffix === "lost") { return word.slice(0, -1); }
    return suffix !== null ? word.slice(0, -suffix.length) : word;
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.swedish = stemmed;
}());
