// Widths the server computes (a progress bar's percent, the length in mm of a document's rules).
// The portal's Content-Security-Policy forbids style="" attributes, so templates write the value
// in a data attribute and this sets it through the DOM, which the policy allows.
(function () {
  function apply(root) {
    root.querySelectorAll("[data-width-percent]").forEach(function (element) {
      element.style.width = parseFloat(element.dataset.widthPercent) + "%";
    });
    root.querySelectorAll("[data-width-mm]").forEach(function (element) {
      element.style.width = parseFloat(element.dataset.widthMm) + "mm";
    });
  }
  apply(document);
})();
