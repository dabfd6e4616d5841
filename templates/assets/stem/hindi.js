/* sitegen search: the Hindi stemmer of a Hindi site's search page (loaded after snowball.js and
 * before search.js, which uses it when meta.json names it). Snowball's Hindi algorithm, what
 * sitegen/stem_hindi.py's ``hindi`` is (PyStemmer's), step for step: the longest of its suffixes
 * after the word's first letter goes, some only after a consonant (a test compares the two on
 * many words). */
(function () {
  "use strict";
  /* Snowball's consonants: क to ह, the nukta, and क़ to य़ written as one code point each. */
  function consonant(c) { return c !== undefined && /^[\u0915-\u0939\u093c\u0958-\u095f]$/.test(c); }
  var SUFFIXES = ["अताएं", "अताओं", "अनाएं", "अनाओं", "आइयाँ", "आइयां", "आइयों", "आऊंगा", "आऊंगी", "आएंगी",
    "आएंगे", "ाइयाँ", "ाइयां", "ाइयों", "ाऊंगा", "ाऊंगी", "ाएंगी", "ाएंगे", "अतीं", "आएगा", "आएगी", "आओगी",
    "आओगे", "आतीं", "इयाँ", "इयां", "इयों", "ऊंगा", "ऊंगी", "एंगी", "एंगे", "ाएगा", "ाएगी", "ाओगी", "ाओगे",
    "ातीं", "ियाँ", "ियां", "ियों", "ूंगा", "ूंगी", "ेंगी", "ेंगे", "अकर", "अता", "अती", "अते", "अना", "अनी",
    "अने", "आइए", "आईं", "आएं", "आओं", "आकर", "आता", "आती", "आते", "आना", "आने", "आया", "उआं", "उएं", "उओं",
    "एगा", "एगी", "ओगी", "ओगे", "ाइए", "ाईं", "ाएं", "ाओं", "ाकर", "ाता", "ाती", "ाते", "ाना", "ाने", "ाया",
    "ुआं", "ुएं", "ुओं", "ेगा", "ेगी", "ोगी", "ोगे", "आँ", "आं", "आई", "आए", "आओ", "इए", "ईं", "एं", "ओं",
    "ाँ", "ां", "ाई", "ाए", "ाओ", "िए", "ीं", "ें", "ों", "अ", "आ", "इ", "ई", "उ", "ऊ", "ए", "ओ", "ा", "ि",
    "ी", "ु", "ू", "े", "ो", "्"];
  /* These go only after a consonant (not the word's first letter); where one does not, the
     longest suffix ending it goes instead ("ाएं" for "ताएं"). */
  var AFTER_CONSONANT = ["ताएं", "नाएं", "ताओं", "नाओं", "तीं", "कर", "ता", "ना", "ती", "नी", "ते", "ने"];
  var ALL = SUFFIXES.concat(AFTER_CONSONANT).sort(function (a, b) { return b.length - a.length; });
  function stemmed(word) {
    var found = ALL.filter(function (suffix) { return word.endsWith(suffix) && word.length - suffix.length >= 1; });
    for (var i = 0; i < found.length; i++) {
      var before = word.length - found[i].length - 1;
      if (AFTER_CONSONANT.indexOf(found[i]) === -1 || (before >= 1 && consonant(word[before]))) {
        return word.slice(0, -found[i].length);
      }
    }
    return word;
  }
  window.sitegenStemmers = window.sitegenStemmers || {};
  window.sitegenStemmers.hindi = stemmed;
}());
