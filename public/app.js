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
  // A photo in a <form data-compress> is shrunk before it is sent: its size is judged after that (compress).
  function shrinkable(input, file) {
    return !!(input.form && input.form.hasAttribute('data-compress') && window.createImageBitmap && window.DataTransfer &&
      /^image\/(jpeg|png|webp)$/.test(file.type));
  }
  function checkFile(input, shrunk) {
    var max = parseInt(input.getAttribute('data-max-bytes'), 10);
    var msg = '';
    if (max > 0 && input.files) {
      for (var i = 0; i < input.files.length; i++) {
        if (!shrunk && shrinkable(input, input.files[i])) continue;
        if (input.files[i].size > max) {
          msg = 'Berkas terlalu besar (' + fmt(input.files[i].size) + '). Ukuran maksimal ' + fmt(max) + '.';
          break;
        }
      }
    }
    input.setCustomValidity(msg);
    if (msg) input.reportValidity();
    return !msg;
  }
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t && t.matches && t.matches('input[type=file][data-max-bytes]')) checkFile(t);
  });

  // <form data-compress>: photos shrunk to 1280 px JPEG before upload.
  // <form data-offline>: without signal the form waits in localStorage
  // ('pamong-outbox') and is sent on 'online' with the same idempotency key.
  var OUTBOX = 'pamong-outbox';
  function shrink(file, maxPx) {
    return new Promise(function (done) {
      if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return done(file);
      createImageBitmap(file).then(function (img) {
        var k = Math.min(1, (maxPx || 1280) / Math.max(img.width, img.height));
        var c = document.createElement('canvas');
        c.width = Math.round(img.width * k);
        c.height = Math.round(img.height * k);
        c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
        c.toBlob(function (b) {
          done(b && b.size < file.size ? new File([b], file.name.replace(/\.\w+$/, '') + '.jpg', { type: 'image/jpeg' }) : file);
        }, 'image/jpeg', 0.7);
      }, function () { done(file); });
    });
  }
  function compress(form) {
    var inputs = form.querySelectorAll('input[type=file]');
    return Promise.all([].map.call(inputs, function (input) {
      var f = input.files && input.files[0];
      if (!f || !window.DataTransfer) return null;
      return shrink(f, parseInt(input.getAttribute('data-max-px'), 10)).then(function (g) {
        if (g === f) return;
        var dt = new DataTransfer();
        dt.items.add(g);
        input.files = dt.files;
      });
    })).then(function () {
      // What is sent must fit the server's limit (data-max-bytes): say so here rather than after the upload.
      var ok = true;
      [].forEach.call(inputs, function (input) {
        if (input.hasAttribute('data-max-bytes') && !checkFile(input, true)) ok = false;
      });
      if (!ok) throw new Error('too large');
    });
  }
  // <form data-geo>: the phone's position, its accuracy and the device time
  // are written into the form's hidden fields just before it is sent or
  // queued. Without a position the server answers with what to do.
  function locate(form) {
    var el = form.elements;
    if (el.deviceTime) el.deviceTime.value = new Date().toISOString();
    if (!navigator.geolocation) return Promise.resolve();
    return new Promise(function (done) {
      navigator.geolocation.getCurrentPosition(function (pos) {
        var c = pos.coords;
        el.lat.value = String(c.latitude);
        el.lon.value = String(c.longitude);
        el.accuracy.value = String(Math.round(c.accuracy));
        // Some Android browsers expose a mock-location signal; none is standard.
        if (el.mock) el.mock.value = pos.mocked || c.mocked || pos.isMock ? '1' : '';
        done();
      }, function () { done(); }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
    });
  }
  function readOutbox() {
    try { return JSON.parse(localStorage.getItem(OUTBOX) || '[]'); } catch (e) { return []; }
  }
  function writeOutbox(items) {
    try { localStorage.setItem(OUTBOX, JSON.stringify(items)); return true; } catch (e) { return false; }
  }
  function b64(file) {
    return new Promise(function (done, fail) {
      var r = new FileReader();
      r.onload = function () { done(String(r.result).split(',')[1] || ''); };
      r.onerror = fail;
      r.readAsDataURL(file);
    });
  }
  function enqueue(form) {
    var fields = [], files = [], jobs = [];
    new FormData(form).forEach(function (v, k) {
      if (typeof v === 'string') fields.push([k, v]);
      else if (v.size) jobs.push(b64(v).then(function (d) { files.push([k, v.name, v.type, d]); }));
    });
    return Promise.all(jobs).then(function () {
      var items = readOutbox();
      var a = function (n) { return form.getAttribute('data-offline-' + n) || ''; };
      items.push({ action: form.getAttribute('action'), fields: fields, files: files, msg: form.getAttribute('data-offline'), count: a('count'),
        page: location.pathname + location.search,
        texts: { title: a('title'), waiting: a('waiting'), sent: a('sent'), code: a('code'), track: a('track'), refused: a('refused'), close: a('close') } });
      return writeOutbox(items);
    });
  }
  // The outbox and what it sent are shown at the top of the viewport (sticky, role=status), never off screen.
  var SENT = 'pamong-sent';
  function readSent() {
    try { return JSON.parse(localStorage.getItem(SENT) || '[]'); } catch (e) { return []; }
  }
  function writeSent(items) {
    try { localStorage.setItem(SENT, JSON.stringify(items.slice(-5))); } catch (e) { /* full: nothing to show then */ }
  }
  function bar() {
    var el = document.getElementById('outbox');
    if (!el) {
      el = document.createElement('div');
      el.id = 'outbox';
      el.className = 'outbox';
      var main = document.getElementById('main') || body;
      main.insertBefore(el, main.firstChild);
    }
    return el;
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  function showOutbox(msg, countText) {
    var items = readOutbox();
    var box = document.querySelector('[data-testid=outbox-notice]');
    if (!items.length) { if (box) box.parentNode.removeChild(box); return; }
    var last = items[items.length - 1];
    if (!box) {
      box = el('div', { 'class': 'notice notice--warning', role: 'status', 'data-testid': 'outbox-notice' });
      bar().appendChild(box);
    }
    box.textContent = (msg || last.msg || 'Menunggu sinyal — permohonan akan dikirim otomatis') + '. ';
    var n = el('strong', { 'data-testid': 'outbox-count' });
    n.textContent = (countText || last.count || '{n} permohonan menunggu dikirim').replace('{n}', items.length);
    box.appendChild(n);
    var list = el('ul', {});
    items.forEach(function (it) {
      var tx = it.texts || {};
      list.appendChild(el('li', { 'data-testid': 'outbox-item' }, (tx.title || '') + ' — ' + (tx.waiting || 'menunggu sinyal')));
    });
    box.appendChild(list);
  }
  function showSent() {
    var sent = readSent();
    var box = document.querySelector('[data-testid=outbox-sent]');
    if (box) box.parentNode.removeChild(box);
    if (!sent.length) return;
    box = el('div', { 'class': 'notice notice--success', role: 'status', 'data-testid': 'outbox-sent' });
    var list = el('ul', {});
    var close = 'Tutup';
    sent.forEach(function (x) {
      var tx = x.texts || {};
      close = tx.close || close;
      // Sent: a request names its tracking code; a report without one (kegiatan) is sent when the answer was a success.
      var sent = x.code || (x.ok && !tx.code);
      var li = el('li', { 'data-testid': sent ? 'sent-item' : 'refused-item' });
      if (x.code) {
        li.appendChild(el('strong', {}, (tx.sent || 'Terkirim') + ': '));
        li.appendChild(document.createTextNode((tx.title || '') + '. ' + (tx.code || '{code}').replace('{code}', x.code) + ' '));
        li.appendChild(el('a', { href: '/lacak/' + encodeURIComponent(x.code), 'data-testid': 'sent-track' }, tx.track || '/lacak/' + x.code));
      } else if (sent) {
        li.appendChild(el('strong', {}, (tx.sent || 'Terkirim') + ': '));
        li.appendChild(document.createTextNode(tx.title || ''));
      } else {
        li.appendChild(document.createTextNode((tx.title || '') + ': ' + (tx.refused || '') + ' '));
        li.appendChild(el('a', { href: x.page || '/layanan/baru' }, tx.title || x.page));
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    var btn = el('button', { type: 'button', 'class': 'button button--secondary', 'data-testid': 'sent-close' }, close);
    btn.addEventListener('click', function () { writeSent([]); showSent(); });
    box.appendChild(btn);
    bar().appendChild(box);
  }
  /** The tracking code on the page the server answered with (the request's page after its redirect). */
  function codeIn(html) {
    try {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var c = doc.querySelector('[data-testid=tracking-code]');
      return c ? c.textContent.trim() : '';
    } catch (e) { return ''; }
  }
  var flushing = false;
  function flush() {
    if (flushing || navigator.onLine === false) return;
    var items = readOutbox();
    if (!items.length) return;
    flushing = true;
    var item = items[0];
    var fd = new FormData();
    item.fields.forEach(function (f) { fd.append(f[0], f[1]); });
    item.files.forEach(function (f) {
      var bin = atob(f[3]), a = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) a[i] = bin.charCodeAt(i);
      fd.append(f[0], new Blob([a], { type: f[2] }), f[1]);
    });
    fetch(item.action, { method: 'POST', body: fd, credentials: 'same-origin' }).then(function (res) {
      if (res.status >= 500) { flushing = false; return showOutbox(); }
      return res.text().then(function (html) {
        flushing = false;
        writeOutbox(readOutbox().slice(1)); // sent (or refused for good): the same key never makes a second request
        if (item.texts) {
          var code = res.ok ? codeIn(html) : '';
          writeSent(readSent().concat([{ texts: item.texts, code: code, ok: res.ok, page: item.page }]));
        }
        showOutbox();
        showSent();
        flush();
      });
    }, function () { flushing = false; showOutbox(); });
  }
  function send(form) {
    return fetch(form.getAttribute('action'), { method: 'POST', body: new FormData(form), credentials: 'same-origin' }).then(function (res) {
      // Show the answer (the request's page, or the form with its errors) without fetching it twice.
      return res.text().then(function (html) {
        document.open(); document.write(html); document.close();
        if (res.redirected) history.replaceState(null, '', res.url);
      });
    });
  }
  function queue(form) {
    if (form.elements.queued) form.elements.queued.value = '1'; // the server then keeps the device time, marked as sent late
    return enqueue(form).then(function (ok) {
      if (!ok) return form.submit();
      showOutbox(form.getAttribute('data-offline'), form.getAttribute('data-offline-count'));
      var btn = form.querySelector('[type=submit]');
      if (btn) btn.disabled = true;
    });
  }
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (e.defaultPrevented || !form.matches || !form.matches('form[data-compress],form[data-offline]')) return;
    e.preventDefault();
    if (form.pamongBusy) return;
    form.pamongBusy = true;
    var offline = form.hasAttribute('data-offline');
    (form.hasAttribute('data-geo') ? locate(form) : Promise.resolve()).then(function () {
      return form.hasAttribute('data-compress') ? compress(form) : null;
    }).then(function () {
      if (!offline) return form.submit();
      if (navigator.onLine === false) return queue(form);
      return send(form).catch(function () { return queue(form); });
    }).catch(function (err) {
      if (err && err.message === 'too large') { form.pamongBusy = false; return; }
      form.submit();
    });
  });
  window.addEventListener('online', flush);
  showOutbox();
  showSent();
  flush();

  // Move focus to the error summary so screen readers announce it
  var summary = document.querySelector('.error-summary');
  if (summary) {
    if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
    summary.focus();
  }
})();
