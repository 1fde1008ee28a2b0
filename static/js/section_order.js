// "Lên" / "Xuống" for a plan's sections: a section moves with the sections below it of a deeper
// level (its items and points), and every filled section's "thứ tự" is rewritten in the order shown,
// on each move and again on saving (so rows added at the end keep their place too). Without this
// script the drafter types the "thứ tự" numbers; the server orders and numbers sections either way.
(function () {
  const list = document.getElementById("sections-forms");
  if (!list) return;
  const announce = document.getElementById("sections-announce");

  function field(fieldset, name) {
    return fieldset.querySelector("[name$='-" + name + "']");
  }
  function level(fieldset) {
    return parseInt((field(fieldset, "level") || {}).value, 10) || 1;
  }
  function filled(fieldset) {
    const id = field(fieldset, "id");
    return Boolean((id && id.value) || ["number", "heading", "body"].some(function (name) {
      const input = field(fieldset, name);
      return input && input.value.trim();
    }));
  }
  function sections() {
    return Array.from(list.querySelectorAll(":scope > fieldset[data-section]"));
  }
  function block(fieldset) {
    const all = sections();
    const start = all.indexOf(fieldset);
    let end = start + 1;
    while (end < all.length && level(all[end]) > level(fieldset)) end += 1;
    return all.slice(start, end);
  }
  function writePositions() {
    let position = 0;
    sections().forEach(function (fieldset) {
      const input = field(fieldset, "position");
      if (input && filled(fieldset)) {
        position += 10;
        input.value = String(position);
      }
    });
  }
  function move(fieldset, direction) {
    const all = sections();
    const moving = block(fieldset);
    const start = all.indexOf(fieldset);
    if (direction === "up") {
      let target = start - 1;
      while (target >= 0 && level(all[target]) > level(fieldset)) target -= 1;
      if (target < 0) return false;
      moving.forEach(function (part) { list.insertBefore(part, all[target]); });
    } else {
      const after = all[start + moving.length];
      if (!after) return false;
      const next = block(after);
      let anchor = next[next.length - 1].nextElementSibling;
      moving.forEach(function (part) { list.insertBefore(part, anchor); });
    }
    writePositions();
    return true;
  }
  function reveal(root) {
    root.querySelectorAll("[data-section-moves]").forEach(function (moves) { moves.hidden = false; });
  }

  reveal(list);
  new MutationObserver(function () { reveal(list); }).observe(list, {childList: true});
  list.addEventListener("click", function (event) {
    const button = event.target.closest("[data-section-move]");
    if (!button) return;
    const fieldset = button.closest("fieldset[data-section]");
    const moved = move(fieldset, button.dataset.sectionMove);
    button.focus();
    if (announce) {
      const heading = (field(fieldset, "heading") || {}).value || "";
      const place = sections().indexOf(fieldset) + 1;
      announce.textContent = moved ? "Đã chuyển mục " + heading + " tới vị trí " + place + "." : "Mục đã ở đầu hoặc cuối.";
    }
  });
  list.closest("form").addEventListener("submit", writePositions);
})();
