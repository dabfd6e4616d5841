/* sitegen's search page, offline: the service worker search.js registers (written to search/sw.js,
   so its scope is the search page). Online, every file the page asks for comes from the network as
   before, and a copy is kept; offline, the copy answers. So a phone that has opened the search page
   keeps it, and every search made on it before (its index pieces, its results' photos), with no
   connection. An index piece never kept answers 503 with X-Sitegen-Offline, which the page words
   as "offline" rather than as a broken index.

   One index at a time: the index's files are only meaningful with the meta.json they were built
   with (document numbers change between builds), so a meta.json unlike the one kept drops every
   kept index file before it is kept itself; the page asks for no other index file before it.
   Only the page, its assets, its index and photos are kept: never the preview's event stream,
   a form's answer or another site's file. */
"use strict";
var CACHE = "sitegen-search";
var PAGE = self.registration.scope;  /* the search page: .../search/ */
var INDEX = new URL("index/", PAGE).href;
var META = INDEX + "meta.json";
var ROOT = new URL("../", PAGE).href;
var KEPT = [INDEX, ROOT + "assets/", ROOT + "photos/"];
/* The page's own files, kept at once: the page opens offline even before its first search. */
var SHELL = [PAGE, ROOT + "assets/site.css", ROOT + "assets/search.js", ROOT + "assets/favicon.svg", META];

function keptHere(url) {
  return url.split("?")[0] === PAGE || KEPT.some(function (prefix) { return url.indexOf(prefix) === 0; });
}
/* The cache key: the page whatever its query (?q=…), anything else as asked. */
function key(url) {
  return url.split("?")[0] === PAGE ? PAGE : url;
}
/* Keeps a response; a new meta.json first drops the index files kept with the old one. */
function keep(url, response) {
  return caches.open(CACHE).then(function (cache) {
    if (url !== META) { return cache.put(key(url), response); }
    return response.clone().text().then(function (fresh) {
      return cache.match(META).then(function (old) { return old ? old.text() : null; }).then(function (kept) {
        if (kept === fresh) { return null; }
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (request) { return request.url.indexOf(INDEX) === 0; })
            .map(function (request) { return cache.delete(request); }));
        });
      }).then(function () { return cache.put(META, response); });
    });
  });
}
/* The network's answer, a copy kept: meta.json's before the page has it (the index files it asks
   for next must not be dropped as the old index's), any other once the page has it. */
function fromNetwork(event) {
  return fetch(event.request).then(function (response) {
    if (!response.ok || response.type !== "basic" || response.redirected) { return response; }
    var kept = keep(event.request.url, response.clone()).catch(function () {});
    if (event.request.url === META) { return kept.then(function () { return response; }); }
    event.waitUntil(kept);
    return response;
  });
}
function fromCache(request) {
  return caches.open(CACHE).then(function (cache) { return cache.match(key(request.url)); }).then(function (kept) {
    if (kept) { return kept; }
    return new Response("offline, and not kept on this device", {
      status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Sitegen-Offline": "1" }
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(Promise.all(SHELL.map(function (url) {
    return fetch(url).then(function (response) {
      return response.ok && !response.redirected ? keep(url, response) : null;
    });
  })).then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});
self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !keptHere(request.url)) { return; }
  event.respondWith(fromNetwork(event).catch(function () { return fromCache(request); }));
});
