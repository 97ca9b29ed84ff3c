// Console behaviour: admin buttons call the operations API (same origin, the browser sends its
// Basic credentials); the imports list refreshes itself while imports are running.
(function () {
  'use strict';
  var texts = document.getElementById('action-messages');
  function text(name) { return texts ? texts.getAttribute('data-' + name) : name; }

  function flash(msg, failed) {
    var el = document.getElementById('action-status');
    if (!el) { return; }
    el.textContent = msg;
    el.className = 'flash ' + (failed ? 'failed' : 'done');
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
    button.disabled = true;
    fetch(button.getAttribute('data-url'), init).then(function (res) {
      return res.text().then(function (body) {
        if (!res.ok) {
          var reason = res.status + ' ' + res.statusText;
          try { reason = JSON.parse(body).message || reason; } catch (e) { /* not JSON */ }
          throw new Error(reason);
        }
        flash(text('done'), false);
        window.setTimeout(function () { window.location.reload(); }, 800);
      });
    }).catch(function (err) {
      button.disabled = false;
      flash(text('failed').replace('{0}', err.message), true);
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
