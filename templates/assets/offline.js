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
  /* The page that installs the worker was loaded before it: the worker is told the page's address
     and the files it loaded, and keeps them (from the browser's cache where it holds them). A page
     the worker already controlled was kept as it passed. */
  function ownFiles() {
    var root = window.location.origin + "/", own = [window.location.origin + window.location.pathname];
    performance.getEntriesByType("resource").forEach(function (entry) { own.push(entry.name); });
    return own.filter(function (url) { return url.indexOf(root) === 0; });
  }
  window.addEventListener("load", function () {
    var installing = !navigator.serviceWorker.controller;
    navigator.serviceWorker.register(worker).then(function () {
      return installing && navigator.serviceWorker.ready.then(function (registration) {
        registration.active.postMessage({ keep: ownFiles() });
      });
    }).catch(function () {});
  });
}());
