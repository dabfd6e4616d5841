/* sitegen offline: the service worker every page registers (assets/offline.js; written to
   /sw.js, so the whole site is its scope). Online, every page and file still comes from the
   network, and a copy is kept; offline, the copy answers. So a phone that has opened any page of
   the site keeps the search page, every search made on it since (its index files, its results'
   photos) and every page opened since (a profile, the press office page), with no connection.
   Offline, a page never kept shows the offline page (with the press office's contact details, as
   every page's footer), and an index file never kept answers 503 with X-Sitegen-Offline, which
   the search page words as "offline" rather than as a broken index.

   One index at a time: the index's files are only meaningful with the meta.json they were built
   with (document numbers change between builds), so a meta.json unlike the one kept drops every
   kept index file before it is kept itself; the page asks for no other index file before it.
   Only the site's own files are kept: never the preview's event stream, a form's answer (not a
   GET) or another site's file. The search page may also ask for every index file and every
   profile at once ("Keep the directory on this device"): they pass through here and are kept. */
"use strict";
var CACHE = "sitegen-offline";
var ROOT = self.registration.scope;
var SEARCH = ROOT + "search/";
var OFFLINE = ROOT + "offline/";
var INDEX = SEARCH + "index/";
var META = INDEX + "meta.json";
var NEVER = ROOT + "__sitegen__/";  /* the preview's own (its live reload) */
/* Kept as the worker installs: the search page and the offline page open offline at once. */
var SHELL = [SEARCH, OFFLINE, ROOT + "assets/site.css", ROOT + "assets/offline.js", ROOT + "assets/search.js",
  ROOT + "assets/favicon.svg", META];
{# The search page's stemmer scripts, where its site's language has a stemmer (stemming.stemmer_scripts). #}
{% for script in stemmer_scripts %}SHELL.push(ROOT + "{{ script[1:] }}");
{% endfor %}

function kept(request) {
  return request.method === "GET" && request.url.indexOf(ROOT) === 0 && request.url.indexOf(NEVER) !== 0;
}
/* The cache key: a page whatever its query (the search page's ?q=… is read by its script), any
   other file as asked. */
function key(request) {
  return request.mode === "navigate" ? request.url.split("?")[0] : request.url;
}
/* Keeps a response; a new meta.json first drops the index files kept with the old one. */
function keep(url, response) {
  return caches.open(CACHE).then(function (cache) {
    if (url !== META) { return cache.put(url, response); }
    var before = cache.match(META).then(function (old) { return old ? old.text() : null; });
    return Promise.all([response.clone().text(), before]).then(function (texts) {
      return texts[0] === texts[1] ? null : dropIndex(cache);
    }).then(function () { return cache.put(META, response); });
  });
}
/* Every kept index file (meta.json with them): they belong to the index being replaced. */
function dropIndex(cache) {
  return cache.keys().then(function (requests) {
    return Promise.all(requests.filter(function (request) { return request.url.indexOf(INDEX) === 0; })
      .map(function (request) { return cache.delete(request); }));
  });
}
/* Whether a response is one to keep: the file itself, from this site, not a redirect or an error. */
function keepable(response) {
  return response.ok && response.type === "basic" && !response.redirected;
}
/* The network's answer, a copy kept: meta.json's before the page has it (the index files it asks
   for next must not be dropped as the old index's), any other once the page has it. */
function fromNetwork(event) {
  return fetch(event.request).then(function (response) {
    if (!keepable(response)) { return response; }
    var copy = keep(key(event.request), response.clone()).catch(function () {});
    if (event.request.url === META) { return copy.then(function () { return response; }); }
    event.waitUntil(copy);
    return response;
  });
}
function fromCache(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(key(request)).then(function (found) {
      if (found) { return found; }
      if (request.mode === "navigate") { return cache.match(OFFLINE); }
      return null;
    });
  }).then(function (found) {
    return found || new Response("offline, and not kept on this device", {
      status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Sitegen-Offline": "1" }
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(Promise.all(SHELL.map(function (url) {
    return fetch(url).then(function (response) {
      return keepable(response) ? keep(url, response) : null;
    });
  })).then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {  /* an earlier worker's, under another name */
    return Promise.all(names.filter(function (name) { return name.indexOf("sitegen-") === 0 && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});
/* The files of the page that installed this worker, loaded before it (assets/offline.js): kept
   as any file passing is, from the browser's cache where it holds them. */
self.addEventListener("message", function (event) {
  var urls = event.data && Array.isArray(event.data.keep) ? event.data.keep : [];
  event.waitUntil(Promise.all(urls.filter(function (url) {
    return typeof url === "string" && kept({ method: "GET", url: url });
  }).map(function (url) {
    return fetch(url, { cache: "force-cache", credentials: "same-origin" }).then(function (response) {
      return keepable(response) ? keep(url, response) : null;
    }).catch(function () {});
  })));
});
self.addEventListener("fetch", function (event) {
  if (!kept(event.request)) { return; }
  event.respondWith(fromNetwork(event).catch(function () { return fromCache(event.request); }));
});
