// Scanner niceties for the circulation desk; every page works without this file.
// A barcode scanner types digits and Enter, so the scan field must always have focus
// with its text selected (the next scan replaces a mistyped one).
(function () {
  "use strict";

  function focusScanField() {
    var field = document.querySelector("[data-scan]");
    if (!field) return;
    field.focus();
    field.select();
  }

  // The result is rendered with the page; setting it again after load makes screen
  // readers announce it (a live region's initial content is not always read).
  function announce() {
    var region = document.querySelector("[data-announce]");
    if (!region || !region.textContent.trim()) return;
    var html = region.innerHTML;
    region.innerHTML = "";
    window.setTimeout(function () { region.innerHTML = html; }, 150);
  }

  function enablePrint() {
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusScanField();
    announce();
    enablePrint();
  });
})();
