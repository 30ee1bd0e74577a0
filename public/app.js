/* Pamong — progressive enhancement only. Plain ES2017, safe with `defer`. */
(function () {
  'use strict';
  var body = document.body;

  // Service worker (offline support + asset caching)
  if ('serviceWorker' in navigator && window.isSecureContext !== false) {
    window.addEventListener('load', function () {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {});
    });
  }

  // Offline banner: body.is-offline
  function setOffline() { body.classList.toggle('is-offline', navigator.onLine === false); }
  window.addEventListener('online', setOffline);
  window.addEventListener('offline', setOffline);
  setOffline();

  // <form data-confirm="..."> asks before submitting
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var msg = form && form.getAttribute && form.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) e.preventDefault();
  }, true);

  // <input type=file data-max-bytes="..."> size check
  function fmt(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1).replace('.', ',') + ' MB' : Math.ceil(n / 1024) + ' KB';
  }
  function checkFile(input) {
    var max = parseInt(input.getAttribute('data-max-bytes'), 10);
    var msg = '';
    if (max > 0 && input.files) {
      for (var i = 0; i < input.files.length; i++) {
        if (input.files[i].size > max) {
          msg = 'Berkas terlalu besar (' + fmt(input.files[i].size) + '). Ukuran maksimal ' + fmt(max) + '.';
          break;
        }
      }
    }
    input.setCustomValidity(msg);
    if (msg) input.reportValidity();
  }
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t && t.matches && t.matches('input[type=file][data-max-bytes]')) checkFile(t);
  });

  // Move focus to the error summary so screen readers announce it
  var summary = document.querySelector('.error-summary');
  if (summary) {
    if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
    summary.focus();
  }
})();
