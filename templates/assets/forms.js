/* sitegen press-inquiry forms: background submission with a truthful outcome, spam traps,
 * mailto composition, and direct emails assembled from parts. Text is only ever set with
 * textContent; nothing typed or published is parsed as HTML. */
(function () {
  "use strict";

  var loadedAt = Date.now();

  function value(form, name) {
    var field = form.elements.namedItem(name);
    if (!field) { return ""; }
    if (typeof field.value === "string") { return field.value.trim(); }
    return "";
  }

  function chosenOffice(form) {
    var select = form.querySelector("select[name=office]");
    var option = select ? select.options[select.selectedIndex] : null;
    return {
      email: option ? option.getAttribute("data-email") : form.getAttribute("data-email"),
      phone: option ? option.getAttribute("data-phone") : form.getAttribute("data-phone"),
      phoneDisplay: option ? option.getAttribute("data-phone-display") : form.getAttribute("data-phone-display")
    };
  }

  function deadlineText(form) {
    var deadline = value(form, "deadline").replace("T", " ");
    var zone = value(form, "timezone");
    return deadline ? deadline + (zone ? " (" + zone + ")" : "") : "";
  }

  /* Every part is percent-encoded, so no field can add a header or recipient. */
  function mailtoHref(form) {
    var office = chosenOffice(form);
    var expert = value(form, "expert");
    var subject = "Press inquiry" + (expert ? " for " + expert : "") + ", deadline " + deadlineText(form);
    var lines = [
      "Name: " + value(form, "name"),
      "Email: " + value(form, "email"),
      "Phone: " + value(form, "phone"),
      "Outlet: " + value(form, "outlet"),
      "Deadline: " + deadlineText(form),
      "Format: " + value(form, "format"),
      "Expert: " + (expert || "any suitable expert"),
      "Who can answer: " + (value(form, "who") || "any suitable expert"),
      "",
      value(form, "question").replace(/\r?\n/g, "\r\n")
    ];
    return "mailto:" + office.email +
      "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(lines.join("\r\n"));
  }

  function setStatus(form, kind, parts) {
    var status = form.querySelector(".form-status");
    status.textContent = "";
    status.className = "form-status form-status-" + kind;
    parts.forEach(function (part) {
      if (typeof part === "string") {
        status.appendChild(document.createTextNode(part));
      } else {
        var link = document.createElement("a");
        link.href = part.href;
        link.textContent = part.text;
        status.appendChild(link);
      }
    });
    status.focus();
  }

  function failure(form) {
    var office = chosenOffice(form);
    setStatus(form, "error", [
      "Your request could not be sent. Nothing you typed was lost: try again, or call the press office on ",
      { href: "tel:" + office.phone, text: office.phoneDisplay },
      "."
    ]);
  }

  function success(form) {
    form.reset();
    fillTimeZone(form);
    setStatus(form, "ok", ["Thank you: the press office has your request and will reply by email."]);
  }

  function confirmedBy(response) {
    if (!response.ok) { return Promise.resolve(false); }
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("application/json") === -1) { return Promise.resolve(true); }
    return response.json().then(function (body) {
      return Boolean(body) && body.ok !== false && !body.error && !body.errors;
    }, function () { return false; });
  }

  function submit(event) {
    var form = event.target;
    event.preventDefault();
    var honeypot = form.querySelector(".hp input");
    if (honeypot && honeypot.value !== "") {
      success(form); /* a bot: pretend, send nothing */
      return;
    }
    var minimum = Number(form.getAttribute("data-min-seconds") || "0") * 1000;
    if (Date.now() - loadedAt < minimum) {
      setStatus(form, "error", ["That was very quick. Please check your request, then send it again."]);
      loadedAt = Date.now() - minimum;  /* the next deliberate send goes through */
      return;
    }
    if (form.getAttribute("data-provider") === "mailto") {
      var office = chosenOffice(form);
      window.location.href = mailtoHref(form);
      setStatus(form, "info", [
        "Your email program should open with the request filled in: send it from there. If nothing opened, write to ",
        { href: "mailto:" + office.email, text: office.email },
        "."
      ]);
      return;
    }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    setStatus(form, "info", ["Sending…"]);
    var office = form.querySelector("select[name=office]");
    var data = new URLSearchParams(new FormData(form));
    if (office) { data.set("office", office.value); }
    fetch(form.getAttribute("data-endpoint"), {
      method: "POST",
      body: data,
      headers: { "Accept": "application/json" },
      credentials: "omit"
    }).then(confirmedBy, function () { return false; }).then(function (ok) {
      button.disabled = false;
      if (ok) { success(form); } else { failure(form); }
    });
  }

  function fillTimeZone(form) {
    var zone = form.querySelector("input[name=timezone]");
    if (zone && !zone.value && window.Intl) {
      zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    }
  }

  function echoDeadline(form) {
    var echo = form.querySelector(".deadline-echo");
    if (!echo) { return; }
    var text = deadlineText(form);
    echo.textContent = text ? "Your deadline: " + text + "." : "";
  }

  function revealEmails() {
    document.querySelectorAll(".direct-email").forEach(function (holder) {
      var address = holder.getAttribute("data-user") + "@" + holder.getAttribute("data-domain");
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = address;
      var slot = holder.querySelector("span");
      slot.textContent = "";
      slot.appendChild(link);
    });
  }

  document.querySelectorAll("form.inquiry-form").forEach(function (form) {
    form.hidden = false;
    var fallback = form.parentNode.querySelector(".form-nojs");
    if (fallback) { fallback.hidden = true; }
    var office = form.querySelector("select[name=office]");
    var fixed = form.querySelector("input[type=hidden][name=office]");
    if (office && fixed) { fixed.remove(); }
    fillTimeZone(form);
    form.addEventListener("submit", submit);
    form.addEventListener("input", function () { echoDeadline(form); });
  });
  revealEmails();
  window.sitegenForms = { mailtoHref: mailtoHref };
}());
