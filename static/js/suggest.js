// Suggestions as you type: the ARIA 1.2 combobox pattern over the search field.
// Progressive enhancement: without this file the field is a plain search box.
// Keys: Down/Up move through the list, Enter picks, Escape closes; a polite live
// region says how many suggestions there are. No inline script (CSP-friendly).
(function () {
  "use strict";
  var input = document.getElementById("q");
  if (!input || !window.fetch) return;
  var form = input.form;
  var url = input.getAttribute("data-suggest-url");
  if (!url) return;
  var list = document.createElement("ul");
  list.id = "q-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
  list.hidden = true;
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  input.parentNode.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  var active = -1;
  var timer = null;
  var latest = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var all = options();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    for (var i = 0; i < all.length; i++) {
      all[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", all[active].id);
  }

  function choose(option) {
    input.value = option.textContent;
    close();
    form.submit();
  }

  function show(items) {
    list.textContent = "";
    items.forEach(function (text, i) {
      var li = document.createElement("li");
      li.id = "q-suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = text;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(li); });
      list.appendChild(li);
    });
    if (items.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
    var template = items.length === 1 ? input.getAttribute("data-suggest-one") : input.getAttribute("data-suggest-many");
    status.textContent = items.length ? (template || "").replace("{n}", items.length) : "";
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = input.value.trim();
    if (value.length < 2) { show([]); return; }
    timer = setTimeout(function () {
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === latest) show(data.suggestions || []); })
        .catch(function () { show([]); });
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !list.hidden) { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp" && !list.hidden) { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape" && !list.hidden) { event.preventDefault(); close(); }
    else if (event.key === "Enter" && active >= 0 && !list.hidden) { event.preventDefault(); choose(options()[active]); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
