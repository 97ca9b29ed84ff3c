// Console behaviour: admin buttons call the operations API (same origin, the browser sends its
// Basic credentials); the imports list refreshes itself while imports are running.
(function () {
  'use strict';
  var texts = document.getElementById('action-messages');
  function text(name) { return texts ? texts.getAttribute('data-' + name) : name; }

  function fill(template, args) {
    return (template || '').replace(/\{(\d)\}/g, function (m, i) { return args[i] === undefined ? '' : String(args[i]); });
  }

  function flash(msg, failed) {
    var el = document.getElementById('action-status');
    if (!el) { return; }
    el.textContent = msg;
    el.className = 'flash ' + (failed ? 'failed' : 'done');
  }

  // a message given just before a reload is shown once on the reloaded page
  try {
    var kept = window.sessionStorage.getItem('mic-flash');
    if (kept) {
      window.sessionStorage.removeItem('mic-flash');
      kept = JSON.parse(kept);
      flash(kept.msg, kept.failed);
    }
  } catch (e) { /* no storage: nothing kept */ }

  /** What the person reads after an accepted call: 202 answers name the import or run started. */
  function accepted(res, answer, button) {
    var done = button.getAttribute('data-done');
    if (done) { return text('done-' + done); }
    if (answer && (answer.status === 'MERGED' || answer.status === 'DISTINCT')) {
      return text('decided-' + answer.status.toLowerCase());
    }
    if (res.status === 202 && answer) {
      if (answer.reimport_of !== undefined) { return fill(text('accepted-reimport'), [answer['import'], answer.reimport_of]); }
      if (answer.pull !== undefined) { return fill(text('accepted-pull'), [answer.pull, answer.run]); }
      if (answer.run !== undefined) { return fill(text('accepted-nightly'), [answer.run]); }
    }
    return text('done');
  }

  /** What the person reads after a refused call: the reason in their language, the server's detail after it. */
  function refused(res, answer) {
    var detail = answer && (answer.error || answer.message) ? (answer.error || answer.message) : '';
    var kind = res.status === 409 ? 'conflict' : res.status === 403 ? 'forbidden' : res.status === 401 ? 'unauthorized'
      : res.status === 404 ? 'notfound' : 'failed';
    return fill(text(kind), [detail || (res.status + ' ' + res.statusText).trim(), res.status]);
  }

  document.addEventListener('click', function (ev) {
    var button = ev.target.closest ? ev.target.closest('button.admin-action') : null;
    if (!button) { return; }
    var confirmKey = button.getAttribute('data-confirm');
    if (confirmKey && !window.confirm(text('confirm-' + confirmKey))) { return; }
    var decision = button.getAttribute('data-decision');
    var init = { method: 'POST', credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (decision) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify({ decision: decision });
    }
    // a withdrawal asks its reason, and cancelling (or no reason) does nothing
    var promptKey = button.getAttribute('data-prompt');
    if (promptKey) {
      var reason = window.prompt(text('prompt-' + promptKey), '');
      if (reason === null || !reason.trim()) { return; }
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify({ reason: reason.trim() });
    }
    button.disabled = true;
    fetch(button.getAttribute('data-url'), init).then(function (res) {
      return res.text().then(function (body) {
        var answer = null;
        try { answer = body ? JSON.parse(body) : null; } catch (e) { /* not JSON */ }
        if (!res.ok) {
          button.disabled = false;
          flash(refused(res, answer), true);
          return;
        }
        var msg = accepted(res, answer, button);
        flash(msg, false);
        try { window.sessionStorage.setItem('mic-flash', JSON.stringify({ msg: msg, failed: false })); } catch (e) { /* ignore */ }
        window.setTimeout(function () { window.location.reload(); }, 600);
      });
    }).catch(function (err) {
      button.disabled = false;
      flash(fill(text('failed'), [err.message]), true);
    });
  });

  // Imports page: while something runs, fetch the live part again every 3 seconds.
  var live = document.getElementById('live');
  if (live) {
    var refresh = function () {
      var url = new URL(window.location.href);
      url.searchParams.set('fragment', 'live');
      fetch(url.toString(), { credentials: 'same-origin' }).then(function (res) {
        return res.ok ? res.text() : null;
      }).then(function (html) {
        if (html) {
          var holder = document.createElement('div');
          holder.innerHTML = html;
          var fresh = holder.querySelector('#live');
          if (fresh) { live.replaceWith(fresh); live = fresh; }
        }
        schedule();
      }).catch(schedule);
    };
    var schedule = function () {
      var running = parseInt(live.getAttribute('data-running') || '0', 10);
      window.setTimeout(refresh, running > 0 ? 3000 : 15000);
    };
    schedule();
  }
})();
