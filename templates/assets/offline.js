/* sitegen offline: every page registers the site's service worker (templates/offline-worker.js,
   at the address in this script's data-worker), once the page has loaded so that it never delays
   the page. So a journalist who opens a profile from a link, never the search page, has it and
   every page opened since on the phone with no connection. Where the browser refuses (no service
   workers, a page not served over https or from this computer, a private window), the site works
   online only, as without it. */
(function () {
  "use strict";
  var script = document.currentScript, worker = script && script.getAttribute("data-worker");
  if (!worker || !("serviceWorker" in navigator)) { return; }
  /* The page that installed the worker was loaded before it: once the worker controls the page,
     the page and the files it loaded are asked for again through it, from the browser's cache
     where it still holds them, so that the worker keeps them as they pass. */
  var ROOT = window.location.origin + "/";
  function keepThisPage() {
    var own = [window.location.origin + window.location.pathname];
    performance.getEntriesByType("resource").forEach(function (entry) { own.push(entry.name); });
    own.filter(function (url) {
      return url.indexOf(ROOT) === 0 && url.indexOf(ROOT + "__sitegen__/") !== 0;  /* not the preview's event stream */
    }).forEach(function (url) {
      fetch(url, { cache: "force-cache", credentials: "same-origin" }).catch(function () {});
    });
  }
  window.addEventListener("load", function () {
    if (!navigator.serviceWorker.controller) {  /* else the page and its files were kept as they passed */
      navigator.serviceWorker.addEventListener("controllerchange", keepThisPage, { once: true });
    }
    navigator.serviceWorker.register(worker).catch(function () {});
  });
}());
