// Follows a background print: asks for its state every two seconds and updates the progress
// bar and the message in place (announced politely), then shows the download button.
(function () {
  const box = document.getElementById("ban-in");
  if (!box || box.dataset.status === "done" || box.dataset.status === "failed") return;
  const bar = box.querySelector("[role=progressbar]");
  const text = document.getElementById("ban-in-trang-thai");
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((job) => {
        bar.setAttribute("aria-valuenow", job.progress);
        bar.firstElementChild.style.width = job.progress + "%";
        bar.firstElementChild.textContent = job.progress + "%";
        text.textContent = job.status_label + ": " + job.message;
        if (job.status === "done") {
          document.getElementById("tai-pdf").classList.remove("d-none");
        } else if (job.status !== "failed") {
          setTimeout(poll, 2000);
        }
      })
      .catch(() => setTimeout(poll, 5000));
  }
  setTimeout(poll, 2000);
})();
