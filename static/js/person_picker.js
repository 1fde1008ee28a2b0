// Person picker: turns a text field marked data-person-picker="<address>" into a combobox (the WAI-ARIA
// combobox pattern with a listbox popup). Typing part of a name (without diacritics) or the last digits
// of a CCCD lists the matching people the user may see, with birth date, unit and position so namesakes
// can be told apart. Arrow keys move through the list, Enter picks, Escape closes. The choice is written
// into the form's hidden field named in data-person-field; typing again clears it.
// Without this script the field is a plain text box and the server looks the person up itself.
(function () {
  "use strict";

  const DELAY_MS = 200;
  const MIN_CHARS = 2;

  function details(row) {
    const parts = [];
    if (row.born) parts.push("sinh " + row.born);
    if (row.position) parts.push(row.position);
    parts.push(row.unit);
    if (row.cccd_tail) parts.push("CCCD …" + row.cccd_tail);
    return parts.join(" · ");
  }

  function enhance(input) {
    const hidden = document.getElementById(input.dataset.personField);
    if (!hidden || input.dataset.personPickerReady) return;
    input.dataset.personPickerReady = "1";
    const base = input.id || "nguoi";
    const wrapper = document.createElement("div");
    wrapper.className = "person-picker";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    const list = document.createElement("ul");
    list.id = base + "-goi-y";
    list.className = "person-picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Cá nhân phù hợp");
    list.hidden = true;
    wrapper.appendChild(list);

    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    const chosen = document.createElement("div");
    chosen.className = "form-text person-picker-chosen";
    chosen.id = base + "-da-chon";
    wrapper.appendChild(chosen);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    const described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (described ? described + " " : "") + chosen.id);

    let rows = [];
    let active = -1;
    let timer = null;
    let asked = 0;

    function open() {
      list.hidden = rows.length === 0;
      input.setAttribute("aria-expanded", rows.length ? "true" : "false");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      const options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function choose(index) {
      const row = rows[index];
      if (!row) return;
      input.value = row.name;
      hidden.value = String(row.id);
      chosen.textContent = "Đã chọn: " + row.name + " (" + details(row) + ")";
      close();
      status.textContent = "Đã chọn " + row.name + ", " + details(row) + ".";
    }

    function show(answer) {
      rows = answer.results;
      list.replaceChildren();
      rows.forEach(function (row, i) {
        const option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        const name = document.createElement("span");
        name.className = "person-picker-name";
        name.textContent = row.name;
        const more = document.createElement("span");
        more.className = "person-picker-details";
        more.textContent = details(row);
        option.append(name, more);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(i); });
        list.appendChild(option);
      });
      active = -1;
      open();
      if (!rows.length) status.textContent = "Không có cá nhân nào phù hợp.";
      else if (answer.more) status.textContent = "Có hơn " + rows.length + " kết quả; gõ thêm để thu hẹp.";
      else status.textContent = "Có " + rows.length + " kết quả; dùng phím mũi tên để chọn.";
    }

    function lookUp() {
      const text = input.value.trim();
      if (text.length < MIN_CHARS) {
        rows = [];
        close();
        return;
      }
      const url = new URL(input.dataset.personPicker, window.location.href);
      url.searchParams.set("q", text);
      const ticket = ++asked;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (answer) { if (ticket === asked) show(answer); })
        .catch(function () { status.textContent = "Chưa tìm được; hãy gõ đủ họ tên hoặc số CCCD rồi bấm Thêm."; });
    }

    input.addEventListener("input", function () {
      hidden.value = "";
      chosen.textContent = "";
      clearTimeout(timer);
      timer = setTimeout(lookUp, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      const expanded = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) { open(); if (!rows.length) return; }
        highlight(active + 1 < rows.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded) { open(); if (!rows.length) return; }
        highlight(active > 0 ? active - 1 : rows.length - 1);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (expanded) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () { close(); });
  }

  document.querySelectorAll("input[data-person-picker]").forEach(enhance);
})();
