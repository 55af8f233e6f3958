// Follows a grading live: polls status.json, redraws stages and checks, and reloads for the full result when done.
(function () {
  'use strict';
  var section = document.getElementById('progress');
  if (!section) {
    return;
  }
  var statusUrl = section.getAttribute('data-status-url');
  var POLL_MS = 400;

  function item(className, parts) {
    var li = document.createElement('li');
    li.className = className;
    parts.forEach(function (part) {
      var span = document.createElement('span');
      span.className = part[0];
      // textContent, never innerHTML: check messages and names come from learner code.
      span.textContent = part[1];
      li.appendChild(span);
      li.appendChild(document.createTextNode(' '));
    });
    return li;
  }

  function replaceChildren(list, items) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    items.forEach(function (child) { list.appendChild(child); });
  }

  function render(status) {
    var state = document.getElementById('progress-state');
    // Written only when it changes, so screen readers announce a new position once, not at every poll.
    if (state.textContent !== status.waitingText) {
      state.textContent = status.waitingText;
    }
    replaceChildren(document.getElementById('progress-stages'), status.stages.map(function (stage) {
      return item(stage.status, [['label', stage.label], ['detail', stage.detail]]);
    }));
    replaceChildren(document.getElementById('progress-checks'), status.checks.map(function (check) {
      return item('check ' + check.status, [['name', check.name], ['status', check.status],
        ['points', check.points + '/' + check.maxPoints + ' pts']]);
    }));
    document.getElementById('progress-current').textContent =
      status.currentCheck ? 'Running: ' + status.currentCheck : '';
  }

  function poll() {
    fetch(statusUrl, { cache: 'no-store', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json();
      })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        render(status);
        window.setTimeout(poll, POLL_MS);
      })
      .catch(function () {
        // A dropped request is not the end of the grading: ask again a little later.
        window.setTimeout(poll, POLL_MS * 5);
      });
  }

  window.setTimeout(poll, POLL_MS);
})();
