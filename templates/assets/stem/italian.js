/* sitegen search: the Italian stemmer of an Italian site's search page (loaded after snowball.js
 * and before search.js, which uses it when meta.json names it). sitegen/stem_italian.py's
 * ``italian``, step for step: Snowball's Italian algorithm read on folded letters (a test compares
 * the two on many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiou"), longest = S.longest;
  var PRONOUNS = ["gliela", "gliele", "glieli", "glielo", "gliene", "sene", "mela", "mele", "meli", "melo", "mene",
    "tela", "tele", "teli", "telo", "tene", "cela", "cele", "celi", "celo", "cene", "vela", "vele",
    "veli", "velo", "vene", "gli", "ci", "la", "le", "li", "lo", "mi", "ne", "si", "ti", "vi"];
  var DELETED = ["anza", "anze", "ico", "ici", "ica", "ice", "iche", "ichi", "ismo", "ismi", "abile", "abili",
    "ibile", "ibili", "ista", "iste", "isti", "oso", "osi", "osa", "ose", "mente", "atrice", "atrici", "ante", "anti"];
  var VERB = ["erebbero", "irebbero", "assero", "assimo", "eranno", "erebbe", "eremmo", "ereste", "eresti",
    "essero", "iranno", "irebbe", "iremmo", "ireste", "iresti", "iscano", "iscono", "issero", "arono",
    "avamo", "avano", "avate", "eremo", "erete", "erono", "evamo", "evano", "evate", "iremo", "irete",
    "irono", "ivamo", "ivano", "ivate", "ammo", "ando", "asse", "assi", "emmo", "enda", "ende", "endi",
    "endo", "erai", "erei", "iamo", "immo", "irai", "irei", "isca", "isce", "isci", "isco", "ano", "are",
    "ata", "ate", "ati", "ato", "ava", "avi", "avo", "era", "ere", "ete", "eva", "evi", "evo", "ire",
    "ita", "ite", "iti", "ito", "iva", "ivi", "ivo", "ono", "uta", "ute", "uti", "uto", "ar", "ir"];

  /* After "ivo", "iva" ...: "at" removed in R2, and then "ic" before it in R2. */
  function active(stem, regions) {
    if (!stem.endsWith("at") || stem.length - 2 < regions.r2) { return stem; }
    return S.without(stem.slice(0, -2), "ic", regions.r2);
  }
  var STANDARD = S.standard([
    [DELETED, "r2", "", S.kept],
    [["azione", "azioni", "atore", "atori"], "r2", "", S.then("ic")],
    [["logia", "logie"], "r2", "log", S.kept],
    [["uzione", "uzioni", "usione", "usioni"], "r2", "u", S.kept],
    [["enza", "enze"], "r2", "ente", S.kept],
    [["amento", "amenti", "imento", "imenti"], "rv", "", S.kept],
    [["amente"], "r1", "", S.adverb(["iv", "os", "ic", "abil"])],
    [["ita"], "r2", "", S.either(["abil", "ic", "iv"])],
    [["ivo", "ivi", "iva", "ive"], "r2", "", active]]);

  /* A "u" after "q", then each "i" or "u" between vowels, as a consonant (upper case). */
  function marked(word) {
    var letters = word.split(""), i;
    for (i = 1; i < letters.length; i++) {
      if (letters[i] === "u" && letters[i - 1] === "q") { letters[i] = "U"; }
    }
    for (i = 1; i < letters.length - 1; i++) {
      if ((letters[i] === "i" || letters[i] === "u") && isVowel(letters[i - 1]) && isVowel(letters[i + 1])) {
        letters[i] = letters[i].toUpperCase();
      }
    }
    return letters.join("");
  }
  /* Step 0: a pronoun in RV after a gerund (removed) or an infinitive's "ar", "er", "ir" (as "e"). */
  function attachedPronoun(word, rv) {
    var pronoun = longest(word, PRONOUNS, rv);
    if (pronoun === null) { return word; }
    var verb = word.slice(0, -pronoun.length);
    if (longest(verb, ["ando", "endo"], rv) !== null) { return verb; }
    return longest(verb, ["ar", "er", "ir"], rv) !== null ? verb + "e" : word;
  }
  /* Step 3a, then 3b: "ch" and "gh" in RV lose their "h". */
  function vowelSuffix(word, rv) {
    if ("aeio".indexOf(word.slice(-1)) !== -1 && word.length > 0 && word.length - 1 >= rv) {
      word = S.without(word.slice(0, -1), "i", rv);
    }
    return (word.endsWith("ch") || word.endsWith("gh")) && word.length - 2 >= rv ? word.slice(0, -1) : word;
  }
  function stemmed(word) {
    word = marked(word);
    var r1 = S.after(word, 0, isVowel);
    var regions = { rv: S.rv(word, isVowel), r1: r1, r2: S.after(word, r1, isVowel) };
    word = attachedPronoun(word, regions.rv);
    var standard = S.standardSuffix(word, STANDARD, regions);
    if (standard === null) {
      var verb = longest(word, VERB, regions.rv);
      word = verb === null ? word : word.slice(0, -verb.length);
    } else {
      word = standard;
    }
    return vowelSuffix(word, regions.rv).replace(/I/g, "i").replace(/U/g, "u");
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.italian = stemmed;
}());
