/* sitegen search: the Dutch stemmer of a Dutch site's search page (loaded after snowball.js and
 * before search.js, which uses it when meta.json names it). whoosh's Snowball Dutch stemmer
 * (whoosh.lang.snowball.dutch, what sitegen's index stems Dutch with), step for step: its regions
 * R1 and R2 are kept as the word's last letters, as whoosh keeps them (a test compares the two on
 * many words). */
(function () {
  "use strict";
  var S = window.sitegenSnowball, isVowel = S.oneOf("aeiouy\u00e8");
  var ACCENTED = { "\u00e4": "a", "\u00e1": "a", "\u00eb": "e", "\u00e9": "e", "\u00ed": "i", "\u00ef": "i",
    "\u00f6": "o", "\u00f3": "o", "\u00fc": "u", "\u00fa": "u" };
  function last(word, n) { return word.charAt(word.length - n); }
  function doubled(word) { return word.endsWith("kk") || word.endsWith("dd") || word.endsWith("tt"); }
  /* The region after the first non-vowel that follows a vowel (whoosh's _r1r2_standard). */
  function after(word) {
    for (var i = 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) { return word.slice(i + 1); }
    }
    return "";
  }
  /* An initial "y", a "y" after a vowel, then an "i" between vowels, as consonants (upper case). */
  function marked(word) {
    var letters = word.split(""), i;
    if (letters[0] === "y") { letters[0] = "Y"; }
    for (i = 1; i < letters.length; i++) {
      if (isVowel(letters[i - 1]) && letters[i] === "y") { letters[i] = "Y"; }
    }
    for (i = 1; i < letters.length - 1; i++) {
      if (isVowel(letters[i - 1]) && letters[i] === "i" && isVowel(letters[i + 1])) { letters[i] = "I"; }
    }
    return letters.join("");
  }
  function stemmed(word) {
    var step2 = false, i, suffix, found;
    word = marked(word.replace(/[\u00e4\u00e1\u00eb\u00e9\u00ed\u00ef\u00f6\u00f3\u00fc\u00fa]/g, function (c) {
      return ACCENTED[c];
    }));
    var r1 = after(word), r2 = after(r1);
    for (i = 1; i < word.length; i++) {  /* R1 begins at the fourth letter at the soonest */
      if (!isVowel(word[i]) && isVowel(word[i - 1])) {
        if (i + 1 < 3) { r1 = word.slice(3); }
        break;
      }
    }
    function cut(n) { word = word.slice(0, -n); r1 = r1.slice(0, -n); r2 = r2.slice(0, -n); }
    /* Step 1 */
    found = ["heden", "ene", "en", "se", "s"].filter(function (s) { return r1.endsWith(s); })[0];
    if (found === "heden") {
      word = word.slice(0, -5) + "heid";
      r1 = r1.slice(0, -5) + "heid";
      if (r2.endsWith("heden")) { r2 = r2.slice(0, -5) + "heid"; }
    } else if ((found === "ene" || found === "en") && !word.endsWith("heden") &&
               !isVowel(last(word, found.length + 1)) &&
               word.slice(Math.max(0, word.length - found.length - 3), word.length - found.length) !== "gem") {
      cut(found.length);
      if (doubled(word)) { cut(1); }
    } else if ((found === "se" || found === "s") && !isVowel(last(word, found.length + 1)) &&
               last(word, found.length + 1) !== "j") {
      cut(found.length);
    }
    /* Step 2 */
    if (r1.endsWith("e") && !isVowel(last(word, 2))) {
      step2 = true;
      cut(1);
      if (doubled(word)) { cut(1); }
    }
    /* Step 3a */
    if (r2.endsWith("heid") && last(word, 5) !== "c") {
      cut(4);
      if (r1.endsWith("en") && !isVowel(last(word, 3)) && word.slice(Math.max(0, word.length - 5), word.length - 2) !== "gem") {
        cut(2);
        if (doubled(word)) { cut(1); }
      }
    }
    /* Step 3b: derivational suffixes */
    suffix = ["baar", "lijk", "bar", "end", "ing", "ig"].filter(function (s) { return r2.endsWith(s); })[0];
    if (suffix === "end" || suffix === "ing") {
      word = word.slice(0, -3);
      r2 = r2.slice(0, -3);
      if (r2.endsWith("ig") && last(word, 3) !== "e") {
        word = word.slice(0, -2);
      } else if (doubled(word)) {
        word = word.slice(0, -1);
      }
    } else if (suffix === "ig" && last(word, 3) !== "e") {
      word = word.slice(0, -2);
    } else if (suffix === "lijk") {
      word = word.slice(0, -4);
      r1 = r1.slice(0, -4);
      if (r1.endsWith("e") && !isVowel(last(word, 2))) {
        word = word.slice(0, -1);
        if (doubled(word)) { word = word.slice(0, -1); }
      }
    } else if (suffix === "baar") {
      word = word.slice(0, -4);
    } else if (suffix === "bar" && step2) {
      word = word.slice(0, -3);
    }
    /* Step 4: undouble a vowel */
    if (word.length >= 4 && !isVowel(last(word, 1)) && last(word, 1) !== "I" &&
        ["aa", "ee", "oo", "uu"].indexOf(word.slice(-3, -1)) !== -1 && !isVowel(last(word, 4))) {
      word = word.slice(0, -3) + word.charAt(word.length - 3) + word.charAt(word.length - 1);
    }
    return word.replace(/I/g, "i").replace(/Y/g, "y");
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.dutch = stemmed;
}());
