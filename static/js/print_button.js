// A button marked data-print prints the page (the recovery codes); the page's print styles hide the rest.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
