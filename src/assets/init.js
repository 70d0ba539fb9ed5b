import { initAll } from '/static/nhsuk.js';
initAll();
// Enhancements register themselves on elements with data-module="app-…".
for (const el of document.querySelectorAll('[data-module^="app-"]')) {
  const name = el.getAttribute('data-module').slice(4);
  import(`/static/modules/${name}.js`).then((m) => m.init(el)).catch(() => undefined);
}
