// Follows a nominee workbook being imported in the background: asks for its state every two
// seconds and updates the progress bar and the message in place (announced politely). When
// it ends, the message says how and the link to the refreshed list is pointed out; the page
// is never reloaded under the reader.
(function () {
  const box = document.getElementById("lan-nhap");
  if (!box || box.dataset.status === "done" || box.dataset.status === "failed") return;
  const bar = box.querySelector("[role=progressbar]");
  const text = document.getElementById("lan-nhap-trang-thai");
  const link = document.getElementById("lan-nhap-ket-qua");
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((job) => {
        bar.setAttribute("aria-valuenow", job.progress);
        bar.firstElementChild.style.width = job.progress + "%";
        bar.firstElementChild.textContent = job.progress + "%";
        text.textContent = job.status_label + ": " + job.message;
        if (job.finished) {
          link.textContent = job.status === "done" ? "Xem danh sách đã cập nhật" : "Xem các lỗi và tải tệp đánh dấu lỗi";
          link.classList.add("btn", "btn-sm", job.status === "done" ? "btn-success" : "btn-danger");
        } else {
          setTimeout(poll, 2000);
        }
      })
      .catch(() => setTimeout(poll, 5000));
  }
  setTimeout(poll, 2000);
})();
