// Copy buttons: <button data-copy="ID" data-copied="TEXT"> copies the value
// of the input with that id and says so in its own label for two seconds.
// Without script (or without clipboard access) the input stays selectable.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  if (!field) return;
  const label = button.textContent;
  const done = () => {
    button.textContent = button.dataset.copied || label;
    setTimeout(() => { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, () => field.select());
  } else {
    field.select();
    try { if (document.execCommand("copy")) done(); } catch (e) { /* selected: copy by hand */ }
  }
});
