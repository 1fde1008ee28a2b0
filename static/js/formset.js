// "Thêm dòng" for Django formsets: copies the empty form kept in a <template>, numbers it,
// and moves the keyboard focus to its first field.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const template = document.getElementById(prefix + "-empty");
  const list = document.getElementById(prefix + "-forms");
  const index = parseInt(total.value, 10);
  const html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
  list.insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  const added = list.lastElementChild;
  const first = added && added.querySelector("input:not([type=hidden]), select, textarea");
  if (first) first.focus();
});
