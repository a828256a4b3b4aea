/**
 * The pages' scripts, served from /assets (the content security policy allows no inline script).
 * Each only improves a page that works without it.
 */

/**
 * A file field's line (`fileField`) says the file chosen, in place of the browser's own text,
 * which is in the browser's language rather than the page's. One listener for the document: it
 * works wherever the script is loaded, before or after the field.
 */
export const fileFieldScript = `'use strict';
document.addEventListener('change', function (event) {
  var input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.dataset.chosen) return;
  var line = document.getElementById(input.dataset.chosen);
  if (!line) return;
  var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
  line.textContent = names.length ? names.join(', ') : line.dataset.none;
});
`;
