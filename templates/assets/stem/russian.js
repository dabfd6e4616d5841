/* sitegen search: the Russian stemmer of a Russian site's search page (loaded after snowball.js
 * and before search.js, which uses it when meta.json names it). sitegen/stem_russian.py's
 * ``russian``, step for step: Snowball's Russian algorithm (a test compares the two on many
 * words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("аеиоуыэюя");
  var longest = S.longest, afterA = S.oneOf("ая");
  var GERUND_A = ["в", "вши", "вшись"];
  var GERUND = ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"];
  var ADJECTIVE = ["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого",
    "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"];
  var PARTICIPLE_A = ["ем", "нн", "вш", "ющ", "щ"];
  var PARTICIPLE = ["ивш", "ывш", "ующ"];
  var VERB_A = ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"];
  var VERB = ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен",
    "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"];
  var NOUN = ["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й",
    "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия",
    "ья", "я"];
  /* The word without the longest ending of the two groups in RV, a first group's only after "а"
     or "я" (in RV); null if the longest fails so, or none is found. */
  function grouped(word, rv, firstGroup, other) {
    var first = longest(word, firstGroup, rv), second = longest(word, other, rv);
    if (first !== null && (second === null || first.length > second.length)) {
      var stem = word.slice(0, -first.length);
      return afterA(stem[stem.length - 1]) && stem.length - 1 >= rv ? stem : null;
    }
    return second !== null ? word.slice(0, -second.length) : null;
  }
  function adjectival(word, rv) {
    var ending = longest(word, ADJECTIVE, rv);
    if (ending === null) { return null; }
    word = word.slice(0, -ending.length);
    var participle = grouped(word, rv, PARTICIPLE_A, PARTICIPLE);
    return participle === null ? word : participle;
  }
  function step1(word, rv) {
    var gerund = grouped(word, rv, GERUND_A, GERUND);
    if (gerund !== null) { return gerund; }
    var reflexive = longest(word, ["ся", "сь"], rv);
    if (reflexive !== null) { word = word.slice(0, -reflexive.length); }
    var found = adjectival(word, rv);
    if (found === null) { found = grouped(word, rv, VERB_A, VERB); }
    if (found !== null) { return found; }
    var noun = longest(word, NOUN, rv);
    return noun !== null ? word.slice(0, -noun.length) : word;
  }
  function stemmed(word) {
    word = word.replace(/ё/g, "е");
    var rv = word.length;
    for (var i = 0; i < word.length; i++) { if (isVowel(word[i])) { rv = i + 1; break; } }
    var r1 = S.after(word, 0, isVowel), r2 = S.after(word, r1, isVowel);
    word = step1(word, rv);
    if (word.endsWith("и") && word.length - 1 >= rv) { word = word.slice(0, -1); }
    var derivational = longest(word, ["ост", "ость"], Math.max(r2, rv));
    if (derivational !== null) { word = word.slice(0, -derivational.length); }
    if (word.endsWith("нн") && word.length - 2 >= rv) { return word.slice(0, -1); }
    var superlative = longest(word, ["ейш", "ейше"], rv);
    if (superlative !== null) {
      word = word.slice(0, -superlative.length);
      return word.endsWith("нн") && word.length - 2 >= rv ? word.slice(0, -1) : word;
    }
    return word.endsWith("ь") && word.length - 1 >= rv ? word.slice(0, -1) : word;
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.russian = stemmed;
}());
