/*
 * The challenge board, live: when someone posts a challenge in one of your
 * networks while the board is open, say so (politely, for screen readers too)
 * with a link to it and a link to reload the list.
 *
 * static/js/live.js owns the one Socket.IO connection and turns the server's
 * `challenge.created` event into the DOM event `zn:challenge-created`
 * (detail: {id, title, url, network_id, zone}). Without JavaScript nothing is
 * lost: the new challenge is on the board when it is reloaded.
 */
(function () {
  "use strict";

  var region = document.getElementById("new-challenges");
  if (!region) {
    return;
  }
  var seen = {};

  function safeUrl(url) {
    // Only addresses within the service: a path starting with a single "/".
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" ? url : null;
  }

  function notice(detail) {
    var url = safeUrl(detail.url);
    if (!url || !detail.title || seen[detail.id]) {
      return;
    }
    seen[detail.id] = true;

    var box = document.createElement("div");
    box.className = "govuk-inset-text govuk-!-margin-top-0";

    var line = document.createElement("p");
    line.className = "govuk-body govuk-!-margin-bottom-1";
    line.appendChild(document.createTextNode((region.getAttribute("data-label") || "New challenge posted:") + " "));
    var link = document.createElement("a");
    link.className = "govuk-link";
    link.href = url;
    link.textContent = String(detail.title);
    line.appendChild(link);
    if (detail.zone) {
      line.appendChild(document.createTextNode(" (" + String(detail.zone) + ")"));
    }
    box.appendChild(line);

    var reload = document.createElement("a");
    reload.className = "govuk-link govuk-body-s";
    reload.href = safeUrl(region.getAttribute("data-reload-href")) || window.location.pathname;
    reload.textContent = region.getAttribute("data-reload") || "Reload the list";
    box.appendChild(reload);

    region.insertBefore(box, region.firstChild);
  }

  document.addEventListener("zn:challenge-created", function (event) {
    if (event && event.detail) {
      notice(event.detail);
    }
  });
})();
