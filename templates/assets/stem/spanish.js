/* sitegen search: the Spanish stemmer of a Spanish site's search page (loaded after snowball.js
 * and before search.js, which uses it when meta.json names it). sitegen/stem_spanish.py's
 * ``spanish``, step for step: Snowball's Spanish algorithm read on folded letters (a test compares
 * the two on many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiou"), longest = S.longest;
  var PRONOUNS = ["selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo"];
  var BEFORE_PRONOUN = ["iendo", "ando", "ar", "er", "ir", "yendo"];
  var DELETED = ["anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles",
    "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos"];
  var AGENTS = ["adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"];
  var Y_VERB = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos"];
  var GU_VERB = ["en", "es", "eis", "emos"];
  var VERB = GU_VERB.concat([
    "arian", "aran", "aras", "ariais", "areis", "ariamos", "aremos", "ara",
    "erian", "eran", "eriais", "ereis", "eriamos", "eremos",
    "irian", "iriais", "ireis", "iriamos", "iremos",
    "aba", "ada", "ida", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "ieran",
    "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "ar", "er", "ir", "as", "abas",
    "adas", "idas", "ieras", "ases", "ieses", "abais", "iais", "arais", "ierais", "aseis", "ieseis",
    "asteis", "isteis", "ados", "idos", "amos", "abamos", "iamos", "imos", "ieramos", "iesemos"]);
  var RESIDUAL = ["os", "a", "o", "e"];

  var STANDARD = S.standard([
    [DELETED, "r2", "", S.kept],
    [AGENTS, "r2", "", S.then("ic")],
    [["logia", "logias"], "r2", "log", S.kept],
    [["ucion", "uciones"], "r2", "u", S.kept],
    [["encia", "encias"], "r2", "ente", S.kept],
    [["amente"], "r1", "", S.adverb(["iv", "os", "ic", "ad"])],
    [["mente"], "r2", "", S.either(["ante", "able", "ible"])],
    [["idad", "idades"], "r2", "", S.either(["abil", "ic", "iv"])],
    [["iva", "ivo", "ivas", "ivos"], "r2", "", S.then("at")]]);

  function attachedPronoun(word, rv) {
    var pronoun = longest(word, PRONOUNS);
    if (pronoun === null) { return word; }
    var verb = word.slice(0, -pronoun.length), ending = longest(verb, BEFORE_PRONOUN);
    if (ending === null || verb.length - ending.length < rv ||
        (ending === "yendo" && !verb.slice(0, -ending.length).endsWith("u"))) { return word; }
    return verb;
  }
  /* Steps 2a and 2b: a "y" verb ending after "u", else another verb ending, in RV. */
  function verbSuffix(word, rv) {
    var ending = longest(word, Y_VERB, rv);
    if (ending !== null && word.slice(0, -ending.length).endsWith("u")) { return word.slice(0, -ending.length); }
    ending = longest(word, VERB, rv);
    if (ending === null) { return word; }
    word = word.slice(0, -ending.length);
    return GU_VERB.indexOf(ending) !== -1 && word.endsWith("gu") ? word.slice(0, -1) : word;
  }
  function residualSuffix(word, rv) {
    var ending = longest(word, RESIDUAL);
    if (ending === null || word.length - ending.length < rv) { return word; }
    word = word.slice(0, -ending.length);
    return ending === "e" && word.endsWith("gu") && word.length - 1 >= rv ? word.slice(0, -1) : word;
  }
  function stemmed(word) {
    var r1 = S.after(word, 0, isVowel);
    var regions = { rv: S.rv(word, isVowel), r1: r1, r2: S.after(word, r1, isVowel) };
    word = attachedPronoun(word, regions.rv);
    var standard = S.standardSuffix(word, STANDARD, regions);
    word = standard === null ? verbSuffix(word, regions.rv) : standard;
    return residualSuffix(word, regions.rv);
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.spanish = stemmed;
}());
