/* sitegen search: the Indonesian stemmer of an Indonesian site's search page (loaded after
 * snowball.js and before search.js, which uses it when meta.json names it). Snowball's Indonesian
 * algorithm, what sitegen/stem_indonesian.py's ``indonesian`` is (PyStemmer's), step for step (a
 * test compares the two on many words). Its words have no accents to fold. */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiou");
  /* The first-order prefixes, longest first: [prefix, what it sets the word's prefix kind to,
     what it becomes before a vowel ("p" for "mem", "pem"; "s" for "meny", "peny": null keeps
     the rule of deleting it)]. */
  var FIRST = [["meng", 1], ["peng", 3], ["mem", 1, "p"], ["men", 1, "s"], ["pem", 3, "p"], ["pen", 3, "s"],
    ["di", 1], ["ke", 3], ["me", 1], ["ter", 1]];
  function vowels(word) {
    var count = 0;
    for (var i = 0; i < word.length; i++) { if (isVowel(word[i])) { count++; } }
    return count;
  }
  /* state: {word, measure (its vowels: every affix removed held one), prefix (the kind of prefix
     removed: 0 none, 1 "di", "me"..., 2 "per", 3 "ke", "pe"..., 4 "ber"), at (where a second
     prefix is looked for: after a first prefix's stand-in)}. Each returns whether it removed
     something. */
  function removeEnding(state, endings) {
    var found = endings.find(function (ending) { return state.word.endsWith(ending); });
    if (!found) { return false; }
    state.word = state.word.slice(0, -found.length);
    state.measure--;
    return true;
  }
  function removeFirstPrefix(state) {
    var word = state.word;
    var found = FIRST.find(function (rule) { return word.startsWith(rule[0]); });
    if (!found) { return false; }
    var prefix = found[0], rest = word.slice(prefix.length);
    state.prefix = found[1];
    state.measure--;
    if (found[2] === "p" && isVowel(rest[0])) {
      state.word = "p" + rest;
      state.at = 1;
    } else if (found[2] === "s" && rest[0] === "y" && isVowel(rest[1])) {
      state.word = "s" + rest.slice(1);
      state.at = 1;
    } else {
      state.word = rest;
      state.at = 0;
    }
    return true;
  }
  function removeSecondPrefix(state) {
    var word = state.word, at = state.at, head = word.slice(at, at + 2);
    if (head !== "be" && head !== "pe") { return false; }
    var next = word.slice(at + 2), length;
    if (next[0] === "r") {
      length = 3;
    } else if (next.startsWith("lajar")) {
      length = 3;
    } else if (head === "pe") {
      length = 2;
    } else if (next[0] !== undefined && !isVowel(next[0]) && next.slice(1, 3) === "er") {
      length = 2;
    } else {
      return false;
    }
    if (head === "be") {
      state.prefix = 4;
    } else if (!next.startsWith("lajar")) {
      state.prefix = 2;
    }
    state.measure--;
    state.word = word.slice(0, at) + word.slice(at + length);
    return true;
  }
  /* A suffix is looked for after a first prefix's stand-in ("p", "s"), but a word whose measure
     lets one go holds three vowels or more, so it always lies there: no region is checked. */
  function removeSuffix(state) {
    var word = state.word;
    if (word.endsWith("an")) {
      if (state.prefix !== 3 && state.prefix !== 2 && word[word.length - 3] === "k") {
        state.word = word.slice(0, -3);
      } else if (state.prefix === 1) {
        return false;
      } else {
        state.word = word.slice(0, -2);
      }
    } else if (word.endsWith("i")) {
      if (state.prefix > 2 || word[word.length - 2] === "s") { return false; }
      state.word = word.slice(0, -1);
    } else {
      return false;
    }
    state.measure--;
    return true;
  }
  function stemmed(word) {
    var state = { word: word, measure: vowels(word), prefix: 0, at: 0 };
    if (state.measure <= 2) { return word; }
    removeEnding(state, ["kah", "lah", "pun"]);
    if (state.measure <= 2) { return state.word; }
    removeEnding(state, ["nya", "ku", "mu"]);
    if (state.measure <= 2) { return state.word; }
    if (removeFirstPrefix(state)) {
      if (state.measure > 2 && removeSuffix(state) && state.measure > 2) { removeSecondPrefix(state); }
    } else {
      removeSecondPrefix(state);
      if (state.measure > 2) { removeSuffix(state); }
    }
    return state.word;
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.indonesian = stemmed;
}());
