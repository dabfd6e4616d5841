/* sitegen search: the French stemmer of a French site's search page (loaded after snowball.js
 * and before search.js, which uses it when meta.json names it). sitegen/stem_french.py's
 * ``french``, step for step: Snowball's French algorithm read on folded letters (a test compares
 * the two on many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiouy"), longest = S.longest;
  var PLAIN = ["ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes"];
  var AGENT = ["atrice", "ateur", "ation", "atrices", "ateurs", "ations"];
  var STEP1 = PLAIN.concat(AGENT, ["logie", "logies", "usion", "ution", "usions", "utions", "ence", "ences", "ement",
    "ements", "ite", "ites", "if", "ive", "ifs", "ives", "eaux", "aux", "euse", "euses", "issement", "issements",
    "amment", "emment", "ment", "ments"]);
  var I_VERB = ["imes", "it", "ites", "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait", "iras",
    "irent", "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait", "issant", "issante",
    "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons"];
  var VERB_E = ["erent", "er", "era", "erai", "eraIent", "erais", "erait", "eras", "erez", "eriez", "erions", "erons",
    "eront", "ez", "iez"];
  var VERB_A = ["ates", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as", "asse", "assent",
    "asses", "assiez", "assions"];
  var VERB = ["ions"].concat(VERB_E, VERB_A);
  var RESIDUAL = ["ion", "ier", "iere", "Ier", "Iere", "e"];
  var DOUBLED = ["enn", "onn", "ett", "ell", "eill"];

  function has(list, item) { return list.indexOf(item) !== -1; }
  function marked(word) {
    var letters = word.split("");
    letters.forEach(function (letter, i) {
      var before = i ? letters[i - 1] : "", next = i + 1 < letters.length ? letters[i + 1] : "";
      if (letter === "u" && before === "q") { letters[i] = "U"; }
      else if ((letter === "u" || letter === "i") && isVowel(before) && isVowel(next)) { letters[i] = letter.toUpperCase(); }
      else if (letter === "y" && (isVowel(before) || isVowel(next))) { letters[i] = "Y"; }
    });
    return letters.join("");
  }
  function rvOf(word) {
    if (word.length < 2) { return word.length; }
    if (/^(par|col|tap)/.test(word) || (isVowel(word[0]) && isVowel(word[1]))) { return Math.min(3, word.length); }
    for (var i = 1; i < word.length; i++) { if (isVowel(word[i])) { return i + 1; } }
    return word.length;
  }
  function ic(stem, r2) {
    if (!stem.endsWith("ic")) { return stem; }
    return stem.length - 2 >= r2 ? stem.slice(0, -2) : stem.slice(0, -2) + "iqU";
  }
  function ement(stem, rv, r1, r2) {
    if (stem.endsWith("iv")) {
      if (stem.length - 2 < r2) { return stem; }
      stem = stem.slice(0, -2);
      return stem.endsWith("at") && stem.length - 2 >= r2 ? stem.slice(0, -2) : stem;
    }
    if (stem.endsWith("eus")) {
      if (stem.length - 3 >= r2) { return stem.slice(0, -3); }
      return stem.length - 3 >= r1 ? stem.slice(0, -1) + "x" : stem;
    }
    if (stem.endsWith("abl") || stem.endsWith("iqU")) { return stem.length - 3 >= r2 ? stem.slice(0, -3) : stem; }
    if (stem.endsWith("ier") || stem.endsWith("Ier")) { return stem.length - 3 >= rv ? stem.slice(0, -3) + "i" : stem; }
    return stem;
  }
  function ite(stem, r2) {
    if (stem.endsWith("abil")) { return stem.length - 4 >= r2 ? stem.slice(0, -4) : stem.slice(0, -2) + "l"; }
    if (stem.endsWith("ic")) { return ic(stem, r2); }
    if (stem.endsWith("iv")) { return stem.length - 2 >= r2 ? stem.slice(0, -2) : stem; }
    return stem;
  }
  function ive(stem, r2) {
    if (!stem.endsWith("at") || stem.length - 2 < r2) { return stem; }
    return ic(stem.slice(0, -2), r2);
  }
  /* Step 1: [the word, whether a suffix was removed] ("ment" endings changed count as not). */
  function step1(word, rv, r1, r2) {
    var suffix = longest(word, STEP1);
    if (suffix === null) { return [word, false]; }
    var start = word.length - suffix.length, stem = word.slice(0, start);
    if (suffix === "amment" || suffix === "emment") { return [start >= rv ? stem + suffix[0] + "nt" : word, false]; }
    if (suffix === "ment" || suffix === "ments") { return [start - 1 >= rv && isVowel(stem[stem.length - 1]) ? stem : word, false]; }
    if (suffix === "eaux") { return [word.slice(0, -1), true]; }
    if (suffix === "aux") { return start >= r1 ? [stem + "al", true] : [word, false]; }
    if (suffix === "euse" || suffix === "euses") {
      if (start >= r2) { return [stem, true]; }
      return start >= r1 ? [stem + "eux", true] : [word, false];
    }
    if (suffix === "issement" || suffix === "issements") {
      return start >= r1 && stem.length > 0 && !isVowel(stem[stem.length - 1]) ? [stem, true] : [word, false];
    }
    if (suffix === "ement" || suffix === "ements") { return start >= rv ? [ement(stem, rv, r1, r2), true] : [word, false]; }
    if (start < r2) { return [word, false]; }
    if (has(PLAIN, suffix)) { return [stem, true]; }
    if (has(AGENT, suffix)) { return [ic(stem, r2), true]; }
    if (suffix === "logie" || suffix === "logies") { return [stem + "log", true]; }
    if (has(["usion", "ution", "usions", "utions"], suffix)) { return [stem + "u", true]; }
    if (suffix === "ence" || suffix === "ences") { return [stem + "ent", true]; }
    if (suffix === "ite" || suffix === "ites") { return [ite(stem, r2), true]; }
    return [ive(stem, r2), true];
  }
  function iVerb(word, rv) {
    var ending = longest(word, I_VERB, rv);
    if (ending === null) { return null; }
    var start = word.length - ending.length;
    return start - 1 >= rv && !isVowel(word[start - 1]) ? word.slice(0, start) : null;
  }
  function verb(word, rv, r2) {
    var ending = longest(word, VERB, rv);
    if (ending === null) { return null; }
    var start = word.length - ending.length, stem = word.slice(0, start);
    if (ending === "ions") { return start >= r2 ? stem : null; }
    if (has(VERB_A, ending) && stem.endsWith("e") && stem.length - 1 >= rv) { return stem.slice(0, -1); }
    return stem;
  }
  function residual(word, rv, r2) {
    if (word.length >= 2 && word[word.length - 1] === "s" && "aious".indexOf(word[word.length - 2]) === -1) {
      word = word.slice(0, -1);
    }
    var ending = longest(word, RESIDUAL, rv);
    if (ending === null) { return word; }
    var stem = word.slice(0, -ending.length);
    if (ending === "ion") {
      return stem.length >= r2 && stem.length - 1 >= rv && "st".indexOf(stem[stem.length - 1]) !== -1 ? stem : word;
    }
    return ending === "e" ? stem : stem + "i";
  }
  function stemmed(word) {
    word = marked(word);
    var rv = rvOf(word), r1 = S.after(word, 0, isVowel), r2 = S.after(word, r1, isVowel);
    var first = step1(word, rv, r1, r2), removed = first[1];
    word = first[0];
    if (!removed) {
      var changed = iVerb(word, rv);
      if (changed === null) { changed = verb(word, rv, r2); }
      if (changed !== null) { word = changed; removed = true; }
    }
    if (removed) { word = word.endsWith("Y") ? word.slice(0, -1) + "i" : word; }
    else { word = residual(word, rv, r2); }
    if (DOUBLED.some(function (end) { return word.endsWith(end); })) { word = word.slice(0, -1); }
    return word.replace(/I/g, "i").replace(/U/g, "u").replace(/Y/g, "y");
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.french = stemmed;
}());
