/* Pamong — an approver's decision without signal: queued in localStorage, sent once
   via the JSON API with an Idempotency-Key and the version it was taken on. */
(function () {
  'use strict';
  var KEY = 'pamong-decisions';
  function read() {
    try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch (e) { return []; }
  }
  function write(items) {
    try { localStorage.setItem(KEY, JSON.stringify(items)); return true; } catch (e) { return false; }
  }
  function fill(s, k, v) { return String(s || '').replace('{' + k + '}', v); }
  function newKey() {
    var c = window.crypto;
    return c && c.randomUUID ? c.randomUUID().replace(/-/g, '') : Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }
  function rowOf(id) { return document.querySelector('[data-request="' + id + '"]'); }
  function say(row, text, kind) {
    var p = row.querySelector('[data-testid=decide-state]');
    if (!p) {
      p = document.createElement('p');
      p.setAttribute('role', 'status');
      p.setAttribute('data-testid', 'decide-state');
      row.appendChild(p);
    }
    p.className = 'notice notice--' + kind;
    p.textContent = text;
    if (p.scrollIntoView) p.scrollIntoView({ block: 'nearest' });
  }
  function render() {
    var items = read();
    var box = document.querySelector('[data-testid=decide-outbox]');
    if (!items.length) { if (box) box.parentNode.removeChild(box); return; }
    var last = items[items.length - 1];
    if (!box) {
      box = document.createElement('div');
      box.className = 'notice notice--warning';
      box.setAttribute('role', 'status');
      box.setAttribute('data-testid', 'decide-outbox');
      var main = document.getElementById('main') || document.body;
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = last.t.pending + '. ';
    var n = document.createElement('strong');
    n.setAttribute('data-testid', 'decide-count');
    n.textContent = fill(last.t.count, 'n', items.length);
    box.appendChild(n);
    items.forEach(function (it) {
      var row = rowOf(it.id);
      if (!row) return;
      say(row, fill(it.t.row, 'action', it.label), 'warning');
      [].forEach.call(row.querySelectorAll('button'), function (b) { b.disabled = true; });
    });
  }
  function finish(it, text, kind) {
    var row = rowOf(it.id);
    if (!row) {
      // Decided from another page: the answer goes on top of this one.
      var main = document.getElementById('main') || document.body;
      row = document.createElement('div');
      row.setAttribute('data-request', String(it.id));
      main.insertBefore(row, main.firstChild);
    }
    say(row, text, kind);
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    var texts = form && form.closest && form.closest('[data-decide-texts]');
    if (!texts || e.defaultPrevented || navigator.onLine !== false) return;
    e.preventDefault();
    var el = form.elements;
    var btn = e.submitter;
    var action = btn && btn.name === 'action' ? btn.value : el.action.value;
    var reason = el.reason ? el.reason.value.trim() : '';
    var row = form.closest('[data-request]') || texts;
    if (action !== 'approve' && !reason) {
      el.reason.setAttribute('aria-invalid', 'true');
      say(row, el.reason.getAttribute('data-need-reason'), 'warning');
      el.reason.focus();
      return;
    }
    var items = read();
    items.push({
      id: Number(form.getAttribute('action').split('/')[2]),
      key: newKey(),
      action: action,
      reason: reason,
      version: Number(el.expectedVersion.value),
      stage: el.expectedStage.value,
      csrf: el._csrf.value,
      at: new Date().toISOString(),
      label: texts.getAttribute('data-' + action),
      t: {
        pending: texts.getAttribute('data-pending'),
        count: texts.getAttribute('data-pending-count'),
        row: texts.getAttribute('data-pending-row'),
        sent: texts.getAttribute('data-sent'),
        failed: texts.getAttribute('data-failed')
      }
    });
    if (!write(items)) return form.submit();
    render();
  });

  var busy = false;
  function flush() {
    if (busy || navigator.onLine === false) return;
    var it = read()[0];
    if (!it) return;
    busy = true;
    var body = { action: it.action, expectedVersion: it.version };
    if (it.reason) body.reason = it.reason;
    if (it.stage) body.expectedStage = it.stage;
    fetch('/api/v1/requests/' + it.id + '/actions', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'idempotency-key': it.key, 'x-csrf-token': it.csrf },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (j) {
        busy = false;
        var decided = 'decided' in j;
        // Not answered for good (server trouble, signed out, or the first send still running): ask again later.
        if (res.status >= 500 || res.status === 429 || res.status === 401 || (res.status === 409 && !decided)) {
          render();
          if (res.status === 409 || res.status >= 500) setTimeout(flush, 2000);
          return;
        }
        write(read().filter(function (x) { return x.key !== it.key; }));
        render();
        var message = (j.error && j.error.message) || '';
        if (res.ok) finish(it, fill(it.t.sent, 'action', it.label), 'success');
        else finish(it, decided ? message : fill(it.t.failed, 'message', message), 'warning');
        flush();
      });
    }, function () { busy = false; render(); });
  }
  window.addEventListener('online', flush);
  render();
  flush();
})();
