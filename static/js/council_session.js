// The council session page counts attendance as it happens: when the secretary ticks a member present
// the page asks the portal for the count of the ticked members (quorum from the vote rules), and every
// few seconds it fetches the saved figures, so another screen shows what the secretary saved. The words
// come from the server; they land in an aria-live region and beside each candidate, without a reload.
(function () {
  const live = document.getElementById("so-lieu-truc-tiep");
  if (!live || !live.dataset.statusUrl) return;
  const sheet = document.getElementById("form-phien-hop");
  const boxes = sheet ? sheet.querySelectorAll("input[name=attendees]") : [];
  const quorum = document.getElementById("tuc-so");
  const mayVote = document.getElementById("con-bieu-quyet");
  let pending = null;
  let edited = false; // once the secretary ticks, the sheet (not the saved session) is what is counted

  function address() {
    if (!edited) return live.dataset.statusUrl;
    const query = new URLSearchParams({ diem_danh: "1" });
    boxes.forEach(function (box) { if (box.checked) query.append("co_mat", box.value); });
    return live.dataset.statusUrl + "?" + query.toString();
  }

  function setText(element, text) {
    if (element && element.textContent !== text) element.textContent = text;
  }

  function show(status) {
    setText(quorum, status.attendance);
    quorum.classList.toggle("text-success", status.has_quorum);
    quorum.classList.toggle("text-danger", !status.has_quorum);
    setText(mayVote, status.may_vote);
    status.candidates.forEach(function (candidate) {
      const row = document.querySelector("[data-ballot='" + candidate.id + "']");
      if (!row) return;
      setText(row.querySelector("[data-tally]"), candidate.tally);
      setText(row.querySelector("[data-threshold]"), candidate.threshold);
      setText(row.querySelector("[data-result]"), candidate.result);
      setText(row.querySelector("[data-saved]"), candidate.saved);
      setText(row.querySelector("[data-still]"), candidate.still);
    });
  }

  function refresh() {
    if (pending) pending.abort();
    pending = new AbortController();
    return fetch(address(), { headers: { Accept: "application/json" }, credentials: "same-origin",
                              signal: pending.signal })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) { if (status) show(status); })
      .catch(function () { /* a dropped request: the next tick asks again */ });
  }

  boxes.forEach(function (box) {
    box.addEventListener("change", function () { edited = true; refresh(); });
  });
  if (live.dataset.open) {
    setInterval(function () { if (!document.hidden) refresh(); }, 10000);
  }
})();
