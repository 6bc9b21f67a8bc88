// kantasim archivist viewer: small enhancements only; every page works without this file.
// Served as a file because the page's Content-Security-Policy allows no inline script.
'use strict';

document.addEventListener('keydown', (event) => {
  // "/" jumps to the page's search field (Find, Access log), as in many tools; not while typing.
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
  if (target instanceof HTMLSelectElement) return;
  const field = document.querySelector('form[role="search"] input');
  if (field instanceof HTMLInputElement) {
    event.preventDefault();
    field.focus();
    field.select();
  }
});
