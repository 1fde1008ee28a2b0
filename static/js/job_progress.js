// Follows a background job without reloading the page: asks for its state every two seconds and
// updates the progress bar and the message in place (announced politely). When the job ends it
// shows the download, or its error; elements marked data-job-finished appear then too.
(function () {
  document.querySelectorAll("[data-job-status-url]").forEach(function (box) {
    if (box.dataset.jobState === "succeeded" || box.dataset.jobState === "failed") return;
    const bar = box.querySelector("[role=progressbar]");
    const text = box.querySelector("[data-job-message]");
    const error = document.querySelector("[data-job-error]");
    function show(element) { if (element) element.classList.remove("d-none"); }
    function hide(element) { if (element) element.classList.add("d-none"); }
    function poll() {
      fetch(box.dataset.jobStatusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          if (bar) {
            bar.setAttribute("aria-valuenow", job.percent);
            bar.setAttribute("aria-valuetext", job.percent + "%");
            bar.firstElementChild.style.width = job.percent + "%";
            bar.firstElementChild.textContent = job.percent + "%";
          }
          if (job.state === "failed") {
            hide(bar);
            if (text) text.textContent = "";
            if (error) { error.textContent = job.error; show(error); }
          } else if (text) {
            text.textContent = job.state_label + ": " + job.message;
          }
          if (job.finished) {
            box.dataset.jobState = job.state;
            document.querySelectorAll("[data-job-waiting]").forEach(hide);
            document.querySelectorAll("[data-job-finished]").forEach(show);
            const download = document.querySelector("[data-job-download]");
            if (download && job.download_url) { download.href = job.download_url; show(download); }
            if (bar && job.state === "succeeded") bar.firstElementChild.classList.add("bg-success");
          } else {
            setTimeout(poll, 2000);
          }
        })
        .catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 2000);
  });
})();
