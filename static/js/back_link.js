// "Quay lại" on the error pages: back to the page the visitor came from. The link's own href (the
// home page) stays for a visitor who opened the address directly, with nothing to go back to.
document.addEventListener("click", function (event) {
  const link = event.target.closest("[data-history-back]");
  if (!link || window.history.length < 2) return;
  event.preventDefault();
  window.history.back();
});
