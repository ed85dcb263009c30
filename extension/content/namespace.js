// One namespace object shared by the content scripts, which MV3 Chrome loads as classic scripts
// in the order manifest.json lists them (content scripts cannot be ES modules there).
// It lives in the extension's isolated world: the page cannot see or change it.
(function () {
  'use strict';
  if (globalThis.nigehban) return;
  globalThis.nigehban = { version: 1 };
})();
