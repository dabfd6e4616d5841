/* sitegen search: the Danish stemmer of a Danish site's search page (loaded after snowball.js
 * and before search.js, which uses it when meta.json names it). sitegen/stem_danish.py's
 * ``danish``, step for step: Snowball's Danish algorithm read on folded letters (a test compares
 * the two on many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiouy\u00e6"), longest = S.longest;
  var sEnding = S.oneOf("abcdfghjklmnoprtvyz"), doubled = S.oneOf("bcdfghjklmnpqrstvwxz");
  var STEP1 = ["erendes", "erende", "hedens", "ethed", "erede", "heden", "heder", "endes", "ernes", "erens", "erets",
    "ered", "ende", "erne", "eren", "erer", "heds", "enes", "eres", "eret", "hed", "ene", "ere", "ens",
    "ers", "ets", "en", "er", "es", "et", "e", "s"];
  var STEP2 = ["gd", "dt", "gt", "kt"];
  var STEP3 = ["elig", "lost", "lig", "els", "ig"];  /* "lost": Snowball's "løst" */
  function step2(word, r1) { return longest(word, STEP2, r1) !== null ? word.slice(0, -1) : word; }
  function stemmed(word) {
    var r1 = Math.max(S.after(word, 0, isVowel), 3);
    word = step2(S.inflection(word, r1, STEP1, function (w) { return sEnding(w[w.length - 2]); }), r1);
    if (word.endsWith("igst") && word.length - 4 >= r1) { word = word.slice(0, -2); }
    var suffix = longest(word, STEP3, r1);
    if (suffix === "lost") {
      word = word.slice(0, -1);
    } else if (suffix !== null) {
      word = step2(word.slice(0, -suffix.length), r1);
    }
    var last = word[word.length - 1];
    if (word.length > 3 && doubled(last) && last === word[word.length - 2]) { word = word.slice(0, -1); }
    return word;
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.danish = stemmed;
}());
