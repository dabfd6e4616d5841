/* sitegen search: the Portuguese stemmer of a Portuguese site's search page (loaded after
 * snowball.js and before search.js, which uses it when meta.json names it).
 * sitegen/stem_portuguese.py's ``portuguese``, step for step: Snowball's Portuguese algorithm read
 * on folded letters (a test compares the two on many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiou"), longest = S.longest;
  function ira(stem) { return stem.endsWith("e") ? stem + "ir" : null; }  /* "ira", "iras" after "e" */
  var STANDARD = S.standard([
    [["eza", "ezas", "ico", "ica", "icos", "icas", "ismo", "ismos", "avel", "ivel", "ista", "istas", "oso", "osa",
      "osos", "osas", "amento", "amentos", "imento", "imentos", "adora", "ador", "acao", "adoras", "adores", "acoes",
      "ante", "antes", "ancia"], "r2", "", S.kept],
    [["logia", "logias"], "r2", "log", S.kept],
    [["ucao", "ucoes"], "r2", "u", S.kept],
    [["encia", "encias"], "r2", "ente", S.kept],
    [["amente"], "r1", "", S.adverb(["iv", "os", "ic", "ad"])],
    [["mente"], "r2", "", S.either(["ante", "avel", "ivel"])],
    [["idade", "idades"], "r2", "", S.either(["abil", "ic", "iv"])],
    [["iva", "ivo", "ivas", "ivos"], "r2", "", S.then("at")],
    [["ira", "iras"], "rv", "", ira]]);
  var VERB = ["ada", "ida", "ia", "aria", "eria", "iria", "ara", "era", "ira", "ava", "asse", "esse", "isse", "aste",
    "este", "iste", "ei", "arei", "erei", "irei", "am", "iam", "ariam", "eriam", "iriam", "aram", "eram",
    "iram", "avam", "em", "arem", "erem", "irem", "assem", "essem", "issem", "ado", "ido", "ando", "endo",
    "indo", "arao", "erao", "irao", "ar", "er", "ir", "as", "adas", "idas", "ias", "arias", "erias",
    "irias", "aras", "eras", "iras", "avas", "es", "ardes", "erdes", "irdes", "ares", "eres", "ires",
    "asses", "esses", "isses", "astes", "estes", "istes", "is", "ais", "eis", "ieis", "arieis", "erieis",
    "irieis", "areis", "ereis", "ireis", "asseis", "esseis", "isseis", "aveis", "ados", "idos", "amos",
    "iamos", "ariamos", "eriamos", "iriamos", "aramos", "eramos", "iramos", "avamos", "emos", "aremos",
    "eremos", "iremos", "assemos", "essemos", "issemos", "imos", "armos", "ermos", "irmos", "eu", "iu", "ou"];

  function verbSuffix(word, rv) {
    var ending = longest(word, VERB, rv);
    return ending === null ? null : word.slice(0, -ending.length);
  }
  function residualForm(word, rv) {
    if (!word.endsWith("e") || word.length - 1 < rv) { return word; }
    word = word.slice(0, -1);
    return (word.endsWith("gu") || word.endsWith("ci")) && word.length - 1 >= rv ? word.slice(0, -1) : word;
  }
  function stemmed(word) {
    if (word.endsWith("oes") && word.length > 3) { word = word.slice(0, -3) + "ao"; }
    var r1 = S.after(word, 0, isVowel);
    var regions = { rv: S.rv(word, isVowel), r1: r1, r2: S.after(word, r1, isVowel) }, rv = regions.rv;
    var changed = S.standardSuffix(word, STANDARD, regions);
    if (changed === null) { changed = verbSuffix(word, rv); }
    if (changed !== null) {
      word = changed.endsWith("ci") && changed.length - 1 >= rv ? changed.slice(0, -1) : changed;
    } else {
      var ending = longest(word, ["os", "a", "i", "o"]);
      if (ending !== null && word.length - ending.length >= rv) { word = word.slice(0, -ending.length); }
    }
    return residualForm(word, rv);
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.portuguese = stemmed;
}());
