/* sitegen serve: reload when the site is rebuilt; show build errors over the page. Preview only. */
(function () {
  "use strict";
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/__sitegen__/live.css";
  document.head.appendChild(style);
  var overlay = null;
  var seen = null;

  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "sitegen-overlay";
      overlay.setAttribute("role", "alert");
      var title = document.createElement("p");
      title.className = "sitegen-overlay-title";
      title.textContent = "sitegen: the last change has errors. The page shows the last good build.";
      var pre = document.createElement("pre");
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = text;
  }

  var source = new EventSource("/__sitegen__/events");
  source.addEventListener("problems", function (event) {
    show(JSON.parse(event.data).text);
  });
  source.addEventListener("ok", function (event) {
    if (seen !== null && seen !== event.data) { window.location.reload(); return; }
    if (overlay) { window.location.reload(); return; }
    seen = event.data;
  });
}());
