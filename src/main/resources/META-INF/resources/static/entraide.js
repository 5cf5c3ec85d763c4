"use strict";
// Progressive enhancement only: every page works without this file.
(function () {
  // Availability grid: click and drag to paint hours; arrow keys move between cells.
  function enhanceGrid(grid) {
    var boxes = Array.prototype.slice.call(grid.querySelectorAll("input[type=checkbox]"));
    var painting = null;
    function cell(day, hour) {
      return grid.querySelector("input[data-day='" + day + "'][data-hour='" + hour + "']");
    }
    boxes.forEach(function (box) {
      var label = box.parentElement;
      label.addEventListener("mousedown", function (event) {
        event.preventDefault();
        painting = !box.checked;
        box.checked = painting;
      });
      label.addEventListener("mouseenter", function () {
        if (painting !== null) { box.checked = painting; }
      });
      label.addEventListener("click", function (event) { event.preventDefault(); });
      box.addEventListener("keydown", function (event) {
        var day = +box.dataset.day, hour = +box.dataset.hour, target = null;
        if (event.key === "ArrowRight") { target = cell(Math.min(day + 1, 6), hour); }
        if (event.key === "ArrowLeft") { target = cell(Math.max(day - 1, 0), hour); }
        if (event.key === "ArrowDown") { target = cell(day, Math.min(hour + 1, 23)); }
        if (event.key === "ArrowUp") { target = cell(day, Math.max(hour - 1, 0)); }
        if (target) { event.preventDefault(); target.focus(); }
      });
    });
    document.addEventListener("mouseup", function () { painting = null; });
  }

  // Time zone: preselect the browser's zone when the learner has not chosen one.
  function detectZone(select) {
    if (select.dataset.detect !== "yes" || !window.Intl) { return; }
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || !/^[A-Za-z_\/+-]+$/.test(zone)) { return; }
    // some browsers still report a former name ("Asia/Calcutta"): its option lists it
    var option = select.querySelector("option[value='" + zone + "'], option[data-former-names~='" + zone + "']");
    if (option) { select.value = option.value; }
  }

  // City search: suggestions as the learner types, rendered as the same radio buttons the server renders.
  function enhanceCitySearch(input) {
    var list = document.getElementById("place-results");
    var empty = document.getElementById("place-empty");
    if (!list) { return; }
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2) { return; }
      timer = setTimeout(function () {
        fetch(input.dataset.places + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (places) {
            var checked = list.querySelector("input:checked");
            Array.prototype.slice.call(list.children).forEach(function (item) {
              if (!item.contains(checked)) { list.removeChild(item); }
            });
            places.forEach(function (place) {
              if (checked && checked.value === String(place.id)) { return; }
              var item = document.createElement("li");
              var radio = document.createElement("input");
              radio.type = "radio"; radio.name = "placeId"; radio.value = place.id; radio.id = "place-" + place.id;
              radio.dataset.zone = place.timezone;
              var label = document.createElement("label");
              label.htmlFor = radio.id; label.textContent = place.label;
              item.appendChild(radio); item.appendChild(document.createTextNode(" ")); item.appendChild(label);
              list.appendChild(item);
            });
            if (empty) { empty.hidden = places.length > 0; }
          })
          .catch(function () { /* the plain search button still works */ });
      }, 250);
    });
  }

  // A page waiting for background work (a matching run) asks for itself every 2 s and reloads once the work is
  // done, instead of a <meta http-equiv="refresh"> that reloads under the reader's eyes (WCAG 2.2.1). Bounded.
  function pollUntilDone(marker) {
    var tries = 0;
    function poll() {
      if (++tries > 900) { return; }
      fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (html.indexOf("data-poll") < 0) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    marker.hidden = true; // the manual refresh link is for browsers without JavaScript
    window.setTimeout(poll, 2000);
  }

  // "Copy" after a value people paste elsewhere (an invite link, a calendar address, an API token). The button exists
  // only where the clipboard does; without it the text is there to select. A status line says it worked.
  function addCopyButton(source) {
    if (!navigator.clipboard) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary copy";
    button.textContent = source.dataset.copy;
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = source.tagName === "INPUT" ? source.value : source.textContent.trim();
      navigator.clipboard.writeText(text).then(
        function () { status.textContent = source.dataset.copied; },
        function () { status.textContent = ""; });
    });
    source.insertAdjacentElement("afterend", status);
    source.insertAdjacentElement("afterend", button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), addCopyButton);
    var waiting = document.querySelector("[data-poll]");
    if (waiting) { pollUntilDone(waiting); }
    var grid = document.getElementById("availability-grid");
    if (grid) { enhanceGrid(grid); }
    var zone = document.getElementById("f-timeZone");
    if (zone) { detectZone(zone); }
    var search = document.querySelector("input[data-places]");
    if (search) { enhanceCitySearch(search); }
  });
})();
