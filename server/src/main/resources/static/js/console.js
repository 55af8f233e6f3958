// The test console: pick or write an event, run the editor's current code once with it, show what Lambda answered.
// Everything shown comes from learner code or learner input, so it is set with textContent, never as HTML.
(function () {
  'use strict';
  var section = document.getElementById('test-console');
  var form = document.querySelector('form.editor');
  if (!section || !form) {
    return;
  }
  var base = '/exercises/' + encodeURIComponent(section.getAttribute('data-exercise')) + '/console/';
  var body = section.querySelector('.console-body');
  var select = section.querySelector('#console-sample');
  var editor = section.querySelector('#console-event');
  var nameField = section.querySelector('#console-name');
  var errorBox = section.querySelector('.console-error');
  var result = section.querySelector('.console-result');
  var invokeButton = section.querySelector('.console-invoke');
  var renameButton = section.querySelector('.console-rename');
  var deleteButton = section.querySelector('.console-delete');
  var byId = {};

  body.hidden = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function showError(message) {
    errorBox.textContent = message || '';
    errorBox.hidden = !message;
  }

  function post(path, fields) {
    return fetch(base + path, {
      method: 'POST',
      headers: {'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8'},
      body: fields.toString(),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().catch(function () { return {error: 'The server answered ' + response.status + '.'}; })
        .then(function (json) { return {status: response.status, json: json}; });
    });
  }

  function fill(data, selectId) {
    clear(select);
    byId = {};
    var groups = {};
    function option(id, label, json, groupName) {
      if (!groups[groupName]) {
        groups[groupName] = el('optgroup');
        groups[groupName].label = groupName;
        select.appendChild(groups[groupName]);
      }
      var opt = el('option', null, label);
      opt.value = id;
      groups[groupName].appendChild(opt);
      byId[id] = json;
    }
    (data.saved || []).forEach(function (s) { option('saved:' + s.name, s.name, s.json, 'Your saved events'); });
    (data.samples || []).forEach(function (s) { option(s.id, s.label, s.json, s.group); });
    if (selectId && byId[selectId] !== undefined) {
      select.value = selectId;
    }
    picked();
  }

  function picked() {
    var id = select.value;
    if (byId[id] !== undefined) {
      editor.value = byId[id];
    }
    var saved = id.indexOf('saved:') === 0;
    renameButton.hidden = !saved;
    deleteButton.hidden = !saved;
    if (saved) {
      nameField.value = id.substring('saved:'.length);
    }
    showError('');
  }

  function load(selectId) {
    fetch(base + 'events', {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.error) {
          showError(data.error);
        } else {
          fill(data, selectId);
        }
      })
      .catch(function () { showError('The sample events could not be loaded. Reload the page to try again.'); });
  }

  // Asks the server, whose parser names line and column the same way on every browser.
  function checkJson(text) {
    try {
      JSON.parse(text);
      return Promise.resolve(true);
    } catch (e) {
      return post('check', new URLSearchParams({json: text})).then(function (answer) {
        showError(answer.json.error || ('The event is not valid JSON: ' + e.message));
        if (answer.json.line) {
          focusAt(Number(answer.json.line), Number(answer.json.column));
        }
        return false;
      });
    }
  }

  function focusAt(line, column) {
    var lines = editor.value.split('\n');
    var offset = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) {
      offset += lines[i].length + 1;
    }
    offset += Math.max(0, column - 1);
    editor.focus();
    editor.setSelectionRange(offset, offset);
  }

  function pretty(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (e) {
      return text;
    }
  }

  function block(title, text, className) {
    var wrap = el('div', 'console-block ' + (className || ''));
    wrap.appendChild(el('h3', null, title));
    var pre = el('pre', null);
    pre.tabIndex = 0;
    pre.appendChild(el('code', null, text));
    wrap.appendChild(pre);
    return wrap;
  }

  function reportTable(report) {
    var table = el('table', 'data console-report');
    table.appendChild(el('caption', null, 'REPORT'));
    var rows = [
      ['Duration', report.durationMs.toFixed(2) + ' ms'],
      ['Billed duration', report.billedDurationMs + ' ms'],
      ['Memory size', report.memorySizeMb + ' MB'],
      ['Max memory used', report.maxMemoryUsedMb + ' MB'],
      ['Init duration', report.initDurationMs === null ? 'none (warm start)' : report.initDurationMs.toFixed(2) + ' ms'],
      ['Request id', report.requestId]
    ];
    var tbody = el('tbody');
    rows.forEach(function (row) {
      var tr = el('tr');
      tr.appendChild(el('th', null, row[0]));
      tr.appendChild(el('td', null, row[1]));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    return table;
  }

  function render(answer) {
    clear(result);
    var r = answer.json;
    if (answer.status !== 200) {
      result.appendChild(el('p', 'console-status outcome failed', r.error || ('The server answered ' + answer.status)));
      if (r.line) {
        focusAt(Number(r.line), Number(r.column));
      }
      return;
    }
    var seconds = (r.elapsedMillis / 1000).toFixed(1) + ' s';
    if (r.outcome === 'COMPILE_FAILED') {
      result.appendChild(el('p', 'console-status outcome compile-error', 'Your code does not compile (' + seconds + ').'));
      var list = el('ul', 'diagnostics');
      r.diagnostics.forEach(function (d) { list.appendChild(el('li', null, d.text)); });
      result.appendChild(list);
      document.dispatchEvent(new CustomEvent('lab:diagnostics', {detail: r.diagnostics.map(function (d) {
        return {file: d.file, line: d.line, column: d.column, message: d.message, severity: d.severity};
      })}));
      return;
    }
    document.dispatchEvent(new CustomEvent('lab:clear-diagnostics'));
    if (r.outcome === 'COULD_NOT_RUN') {
      result.appendChild(el('p', 'console-status outcome error', r.message));
      return;
    }
    var ok = r.outcome === 'SUCCEEDED';
    result.appendChild(el('p', 'console-status outcome ' + (ok ? 'passed' : 'failed'),
      (ok ? 'Succeeded' : 'Function error') + ' in ' + seconds + ', compile and deploy included.'));
    result.appendChild(block('Response', pretty(r.payload || ''), 'console-response'));
    if (!ok) {
      var error = el('div', 'console-block console-function-error');
      error.appendChild(el('h3', null, 'Function error'));
      error.appendChild(el('p', null, (r.errorType || 'Unhandled') + ': ' + (r.errorMessage || '')));
      if (r.stackTrace.length) {
        var trace = el('pre');
        trace.tabIndex = 0;
        trace.appendChild(el('code', null, r.stackTrace.join('\n')));
        error.appendChild(trace);
      }
      result.appendChild(error);
    }
    result.appendChild(block('Log output', r.logOutput || '(nothing was logged)', 'console-log'));
    if (r.report) {
      result.appendChild(reportTable(r.report));
    }
  }

  select.addEventListener('change', picked);

  invokeButton.addEventListener('click', function () {
    var text = editor.value;
    showError('');
    checkJson(text).then(function (valid) {
      if (!valid) {
        return null;
      }
      var fields = new URLSearchParams(new FormData(form));
      fields.set('event', text);
      invokeButton.disabled = true;
      clear(result);
      result.appendChild(el('p', 'console-status', 'Compiling, deploying and invoking your code…'));
      return post('invoke', fields).then(render);
    }).catch(function () {
      clear(result);
      result.appendChild(el('p', 'console-status outcome error', 'The test could not reach the server. Try again.'));
    }).then(function () {
      invokeButton.disabled = false;
    });
  });

  section.querySelector('.console-save').addEventListener('click', function () {
    var name = nameField.value.trim();
    if (!name) {
      showError('Give the event a name to save it under.');
      nameField.focus();
      return;
    }
    checkJson(editor.value).then(function (valid) {
      if (valid) {
        post('events', new URLSearchParams({name: name, json: editor.value})).then(function (answer) {
          if (answer.status === 200) {
            fill(answer.json, 'saved:' + name);
          } else {
            showError(answer.json.error);
          }
        });
      }
    });
  });

  renameButton.addEventListener('click', function () {
    var name = select.value.substring('saved:'.length);
    var newName = nameField.value.trim();
    post('events/rename', new URLSearchParams({name: name, newName: newName})).then(function (answer) {
      if (answer.status === 200) {
        fill(answer.json, 'saved:' + newName);
      } else {
        showError(answer.json.error);
      }
    });
  });

  deleteButton.addEventListener('click', function () {
    var name = select.value.substring('saved:'.length);
    post('events/delete', new URLSearchParams({name: name})).then(function (answer) {
      if (answer.status === 200) {
        nameField.value = '';
        fill(answer.json);
      } else {
        showError(answer.json.error);
      }
    });
  });

  load();
})();
