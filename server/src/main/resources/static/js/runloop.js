// The exercise page's run loop: "Run checks" posts the form with fetch and the results appear beside the code,
// streamed from /submissions/{id}/events (server-sent events), or polled from status.json where EventSource fails.
// Without this script the form posts as a plain form and the result page shows the same report.
(function () {
  'use strict';
  var form = document.querySelector('form.editor');
  var panel = document.getElementById('results');
  if (!form || !panel || !window.fetch) {
    return;
  }
  var POLL_MS = 500;
  var status = document.getElementById('results-status');
  var stages = document.getElementById('results-stages');
  var checks = document.getElementById('results-checks');
  var current = document.getElementById('results-current');
  var diagnosticsBox = document.getElementById('results-diagnostics');
  var diagnosticsList = document.getElementById('results-diagnostics-list');
  var reportBox = document.getElementById('results-report');
  var links = document.getElementById('results-links');
  var pageLink = document.getElementById('results-page-link');
  var run = null;

  function emit(name, detail) {
    document.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  // Learner text (check names, messages, stage details) only ever goes in through textContent.
  function item(className, parts) {
    var li = document.createElement('li');
    li.className = className;
    parts.forEach(function (part) {
      var span = document.createElement('span');
      span.className = part[0];
      span.textContent = part[1];
      li.appendChild(span);
      li.appendChild(document.createTextNode(' '));
    });
    return li;
  }

  // The live region says one short sentence at a time; unchanged text is not written again, so it is not re-read.
  function announce(text) {
    if (status.textContent !== text) {
      status.textContent = text;
    }
  }

  function button() {
    return form.querySelector('button.run, button[type=submit]');
  }

  function setRunning(running) {
    var b = button();
    if (!b) {
      return;
    }
    if (!b.hasAttribute('data-label')) {
      b.setAttribute('data-label', b.textContent);
    }
    b.disabled = running;
    b.textContent = running ? 'Running…' : b.getAttribute('data-label');
    form.setAttribute('aria-busy', running ? 'true' : 'false');
  }

  function reset() {
    clear(stages);
    clear(checks);
    clear(diagnosticsList);
    clear(reportBox);
    current.textContent = '';
    diagnosticsBox.hidden = true;
    links.hidden = true;
    panel.hidden = false;
    panel.classList.add('running');
  }

  function showStage(stage) {
    var li = stages.querySelector('li[data-label="' + CSS.escape(stage.label) + '"]');
    var next = item(stage.status, [['label', stage.label],
      ['detail', stage.status === 'running' ? 'running…' : stage.status + (stage.millis ? ', ' + stage.millis + ' ms' : '')
        + (stage.detail ? ' — ' + stage.detail : '')]]);
    next.setAttribute('data-label', stage.label);
    if (li) {
      stages.replaceChild(next, li);
    } else {
      stages.appendChild(next);
    }
    if (stage.status === 'running') {
      announce(stage.label + '…');
    }
  }

  function showCheck(check) {
    checks.appendChild(item('check ' + check.status, [['name', check.name], ['status', check.status],
      ['points', check.points + '/' + check.maxPoints + ' pts']]));
    current.textContent = '';
  }

  // The same drawing from a status.json answer, for the polling path.
  function showStatus(s) {
    announce(s.waitingText);
    clear(stages);
    s.stages.forEach(showStage);
    clear(checks);
    s.checks.forEach(showCheck);
    current.textContent = s.currentCheck ? 'Running: ' + s.currentCheck : '';
    if (s.state === 'QUEUED' || s.state === 'RUNNING') {
      announce(s.waitingText);
    }
  }

  function reveal(file, line) {
    if (window.labEditor && typeof window.labEditor.reveal === 'function') {
      window.labEditor.reveal(file, line);
      return;
    }
    // No code editor loaded: put the cursor on that line of the file's textarea.
    var area = form.querySelector('textarea[name="' + CSS.escape('file:' + file) + '"]');
    if (!area) {
      return;
    }
    var lines = area.value.split('\n');
    var offset = 0;
    for (var i = 0; i < Math.min(line - 1, lines.length); i++) {
      offset += lines[i].length + 1;
    }
    area.focus();
    area.setSelectionRange(offset, offset + (lines[line - 1] || '').length);
  }

  function showDiagnostics(diagnostics) {
    clear(diagnosticsList);
    diagnostics.forEach(function (d) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#';
      a.className = 'diagnostic ' + d.severity;
      a.textContent = d.file + ':' + d.line;
      a.addEventListener('click', function (event) {
        event.preventDefault();
        reveal(d.file, d.line);
      });
      var message = document.createElement('span');
      message.className = 'message';
      message.textContent = ' ' + d.message;
      li.appendChild(a);
      li.appendChild(message);
      diagnosticsList.appendChild(li);
    });
    diagnosticsBox.hidden = diagnostics.length === 0;
    if (diagnostics.length) {
      emit('lab:diagnostics', diagnostics);
    }
  }

  function finish(result) {
    if (!run || run.finished) {
      return;
    }
    run.finished = true;
    if (run.source) {
      run.source.close();
    }
    panel.classList.remove('running');
    clear(stages);
    clear(checks);
    current.textContent = '';
    if (result.html) {
      // Rendered by the server from the result page's own fragment, every learner text escaped by th:text there.
      var template = document.createElement('template');
      template.innerHTML = result.html;
      reportBox.appendChild(template.content);
    } else if (result.error) {
      var p = document.createElement('p');
      p.className = 'verdict error';
      p.textContent = result.error;
      reportBox.appendChild(p);
    }
    showDiagnostics(result.diagnostics || []);
    pageLink.href = result.resultUrl;
    links.hidden = false;
    announce(result.verdict);
    setRunning(false);
    emit('lab:run-finished', { submissionId: result.id, outcome: result.outcome || result.state });
    refreshAttempts();
  }

  // The attempts list below the editor gains the run just finished: the server renders the page's own fragment
  // (learner-free text: times, outcomes, points, links), so it is swapped in whole. A failed fetch leaves the old list.
  function refreshAttempts() {
    var attempts = document.getElementById('attempts');
    if (!attempts || !attempts.dataset.url) {
      return;
    }
    fetch(attempts.dataset.url, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('attempts ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement('template');
        template.innerHTML = html;
        clear(attempts);
        attempts.appendChild(template.content);
      })
      .catch(function () {});
  }

  function failed(message) {
    if (run) {
      run.finished = true;
    }
    panel.hidden = false;
    panel.classList.remove('running');
    announce(message);
    setRunning(false);
    emit('lab:run-finished', { submissionId: run ? run.id : null, outcome: 'NOT_SUBMITTED' });
  }

  function fetchResult() {
    fetch(run.resultUrl, { cache: 'no-store', headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(finish)
      .catch(function () { window.setTimeout(fetchResult, POLL_MS * 4); });
  }

  function poll() {
    if (!run || run.finished) {
      return;
    }
    fetch(run.statusUrl, { cache: 'no-store', headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 401) {
          throw new Error('signed-out');
        }
        if (response.status === 404) {
          throw new Error('gone');
        }
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json();
      })
      .then(function (s) {
        if (s.finished) {
          fetchResult();
          return;
        }
        showStatus(s);
        window.setTimeout(poll, POLL_MS);
      })
      .catch(function (error) {
        if (error.message === 'signed-out') {
          failed('You are signed out. Sign in again to see this result; your run was kept.');
          return;
        }
        if (error.message === 'gone') {
          failed('This run cannot be found any more. Run the checks again; your code is still here.');
          return;
        }
        // A dropped request is not the end of the grading: ask again a little later.
        window.setTimeout(poll, POLL_MS * 4);
      });
  }

  function stream() {
    if (!window.EventSource) {
      poll();
      return;
    }
    var source = new EventSource(run.eventsUrl);
    run.source = source;
    function on(name, handler) {
      source.addEventListener(name, function (event) {
        handler(JSON.parse(event.data));
      });
    }
    on('queued', function (data) { announce(data.waitingText); });
    on('running', function (data) { announce(data.waitingText); });
    on('stage', showStage);
    on('check-started', function (data) { current.textContent = 'Running: ' + data.name; });
    on('check', showCheck);
    on('done', finish);
    source.onerror = function () {
      // EventSource would reconnect by itself, but a stream that fails (a proxy, a signed-out session) may fail
      // for ever: status.json answers the same questions.
      source.close();
      if (!run.finished) {
        poll();
      }
    };
  }

  function start(answer) {
    run = { id: answer.id, statusUrl: answer.statusUrl, eventsUrl: answer.eventsUrl, resultUrl: answer.resultUrl };
    pageLink.href = answer.resultUrl;
    emit('lab:run-started', { submissionId: answer.id });
    stream();
  }

  form.addEventListener('submit', function (event) {
    if (run && !run.finished) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    emit('lab:clear-diagnostics');
    reset();
    setRunning(true);
    announce('Submitting…');
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: body
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (response.status === 202) {
          start(json);
        } else {
          failed(json.error || ('The checks could not be started (HTTP ' + response.status + '). Try again.'));
        }
      });
    }).catch(function () {
      failed('The server did not answer. Check that it is running, then run the checks again; your code is still here.');
    });
  });
})();
