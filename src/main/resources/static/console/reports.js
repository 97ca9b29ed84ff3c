// Reports page: the freeze form posts {"phase","year","note"} to /api/reports, then opens the frozen report.
(function () {
  'use strict';
  var form = document.getElementById('freeze-form');
  if (!form) { return; }
  var phase = document.getElementById('freeze-phase');
  var year = document.getElementById('freeze-year');
  function years() {
    Array.prototype.forEach.call(year.options, function (o) {
      var own = !o.value || o.getAttribute('data-phase') === phase.value;
      o.hidden = !own;
      o.disabled = !own;
    });
    if (year.selectedOptions.length && year.selectedOptions[0].disabled) { year.value = ''; }
  }
  phase.addEventListener('change', years);
  years();
  function flash(msg, failed) {
    var el = document.getElementById('action-status');
    el.textContent = msg;
    el.className = 'flash ' + (failed ? 'failed' : 'done');
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!window.confirm(form.getAttribute('data-confirm'))) { return; }
    var body = { phase: phase.value, note: document.getElementById('freeze-note').value };
    if (year.value) { body.year = parseInt(year.value, 10); }
    var button = document.getElementById('freeze');
    button.disabled = true;
    fetch('/api/reports', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.text().then(function (text) {
        var answer = null;
        try { answer = text ? JSON.parse(text) : null; } catch (e) { /* not JSON */ }
        if (res.status !== 201) {
          button.disabled = false;
          flash((answer && answer.error) || (res.status + ' ' + res.statusText), true);
          return;
        }
        flash(form.getAttribute('data-done').replace('{0}', answer.id), false);
        window.location.href = '/console/reports/' + answer.id;
      });
    }).catch(function (err) { button.disabled = false; flash(err.message, true); });
  });
})();
