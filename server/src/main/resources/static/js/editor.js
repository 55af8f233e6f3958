// The exercise page's editor: CodeMirror 5 in a tab per file, drafts saved as you type, reset with undo, and line
// marks for compile errors and failing checks. The form stays a plain form: every change is copied into the file's
// textarea at once, so the form (and `new FormData(form)`) always holds the current code, and without JavaScript (or
// without CodeMirror) the textareas work as before. Other scripts use window.labEditor or the document events
// `lab:diagnostics` / `lab:clear-diagnostics`; `lab:run-started` saves the draft.
(function () {
  'use strict';
  var form = document.querySelector('form.editor');
  if (!form) {
    return;
  }
  var exerciseId = form.getAttribute('data-exercise');
  var draftUrl = '/exercises/' + encodeURIComponent(exerciseId) + '/draft';
  var storageKey = form.getAttribute('data-draft-key');
  var openedFromSubmission = form.hasAttribute('data-from');
  var serverDraftAt = Date.parse(form.getAttribute('data-draft-saved') || '') || 0;
  var toolbar = form.querySelector('.editor-toolbar');
  var tablist = form.querySelector('.editor-tabs');
  var draftStatus = form.querySelector('.draft-status');
  var notice = form.querySelector('.editor-notice');
  var lineMessage = form.querySelector('.editor-line-message');
  var SAVE_DELAY_MS = 1000;
  var NEW_FILE = /^([A-Za-z_][A-Za-z0-9_]*\/)*[A-Za-z_][A-Za-z0-9_]*\.java$/;

  var files = [];
  var current = null;
  var changes = 0;        // every edit counts; a save clears "dirty" only if nothing changed while it travelled
  var dirty = false;      // edits the server does not have yet
  var applying = false;   // text set by the editor itself (reset, restore): not an edit of the learner
  var submitting = false;
  var saveTimer = null;
  var nextId = 0;

  function hasCodeMirror() {
    return typeof window.CodeMirror === 'function';
  }

  function text(file) {
    return file.cm ? file.cm.getValue() : file.textarea.value;
  }

  function setText(file, value) {
    if (file.cm) {
      file.cm.setValue(value);
    } else {
      file.textarea.value = value;
    }
    file.textarea.value = value;
  }

  function filesObject() {
    var result = {};
    files.forEach(function (file) {
      result[file.path] = text(file);
    });
    return result;
  }

  function snapshot() {
    return files.map(function (file) {
      return {path: file.path, content: text(file)};
    });
  }

  // ---- Tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs; Tab goes into the panel) ----

  function addTab(file) {
    var tab = document.createElement('button');
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.id = 'editor-tab-' + file.id;
    tab.setAttribute('aria-controls', file.panel.id);
    tab.setAttribute('aria-selected', 'false');
    tab.tabIndex = -1;
    var name = document.createElement('span');
    name.textContent = file.path;
    tab.appendChild(name);
    if (file.readOnly) {
      var badge = document.createElement('span');
      badge.className = 'tab-badge';
      badge.textContent = 'read-only';
      tab.appendChild(badge);
    }
    var problems = document.createElement('span');
    problems.className = 'tab-problems visually-hidden';
    tab.appendChild(problems);
    tab.addEventListener('click', function () {
      select(file, false);
    });
    tab.addEventListener('keydown', function (event) {
      var index = files.indexOf(file);
      var target = null;
      if (event.key === 'ArrowRight') {
        target = files[(index + 1) % files.length];
      } else if (event.key === 'ArrowLeft') {
        target = files[(index - 1 + files.length) % files.length];
      } else if (event.key === 'Home') {
        target = files[0];
      } else if (event.key === 'End') {
        target = files[files.length - 1];
      }
      if (target) {
        event.preventDefault();
        select(target, false);
        target.tab.focus();
      }
    });
    file.tab = tab;
    file.panel.setAttribute('role', 'tabpanel');
    file.panel.setAttribute('aria-labelledby', tab.id);
    tablist.appendChild(tab);
  }

  function select(file, focusEditor) {
    current = file;
    files.forEach(function (each) {
      var chosen = each === file;
      each.tab.setAttribute('aria-selected', chosen ? 'true' : 'false');
      each.tab.tabIndex = chosen ? 0 : -1;
      each.panel.hidden = !chosen;
    });
    if (file.cm) {
      // A CodeMirror measured while hidden needs a fresh look at its size.
      file.cm.refresh();
      if (focusEditor) {
        file.cm.focus();
      }
    } else if (focusEditor) {
      file.textarea.focus();
    }
    showLineMessage(file);
  }

  // ---- CodeMirror ----

  function attachCodeMirror(file) {
    if (!hasCodeMirror()) {
      file.textarea.addEventListener('input', changed);
      return;
    }
    var escaped = false;
    file.cm = window.CodeMirror(function (element) {
      file.textarea.insertAdjacentElement('afterend', element);
    }, {
      value: file.textarea.value,
      // Exercises may have the learner write a JSON document (an IAM policy) beside the Java sources.
      mode: /\.json$/.test(file.path) ? 'application/json' : 'text/x-java',
      theme: 'lab',
      lineNumbers: true,
      indentUnit: 4,
      tabSize: 4,
      indentWithTabs: false,
      matchBrackets: true,
      autoCloseBrackets: true,
      styleActiveLine: true,
      readOnly: file.readOnly,
      // A contenteditable input works with screen readers and phone keyboards; the label names the file.
      inputStyle: 'contenteditable',
      screenReaderLabel: file.path + (file.readOnly ? ' (read-only)' : '') + ', code editor',
      gutters: ['lab-marks', 'CodeMirror-linenumbers'],
      viewportMargin: Infinity,
      extraKeys: {
        // CodeMirror keeps Tab for indenting; Esc, then Tab (or Shift+Tab), leaves the editor (see the keydown below).
        'Tab': function (cm) {
          if (cm.somethingSelected()) {
            cm.execCommand('indentMore');
          } else {
            cm.execCommand('insertSoftTab');
          }
        },
        'Shift-Tab': function (cm) {
          cm.execCommand('indentLess');
        }
      }
    });
    // The way out for keyboard users, as CodeMirror's own accessibility advice has it: after Esc, the next Tab or
    // Shift+Tab is left to the browser, which moves focus as from any other field. (Returning CodeMirror.Pass from
    // extraKeys would not do: the default key map would still indent.)
    file.cm.on('keydown', function (cm, event) {
      if (event.key === 'Escape') {
        escaped = true;
      } else if (event.key === 'Tab' && escaped) {
        escaped = false;
        event.codemirrorIgnore = true;
      } else if (event.key !== 'Shift') {
        escaped = false;
      }
    });
    file.cm.on('blur', function () {
      escaped = false;
    });
    file.cm.on('change', function () {
      file.textarea.value = file.cm.getValue();
      changed();
    });
    file.cm.on('cursorActivity', function () {
      showLineMessage(file);
    });
    file.panel.classList.add('has-codemirror');
  }

  // ---- Drafts: the server first, this browser's storage when the server cannot be reached ----

  function changed() {
    if (applying) {
      return;
    }
    changes++;
    dirty = true;
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(function () {
      saveDraft();
    }, SAVE_DELAY_MS);
  }

  function clock(value) {
    var date = value ? new Date(value) : new Date();
    return date.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'});
  }

  function say(message) {
    draftStatus.textContent = message;
  }

  function keepInBrowser() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({savedAt: Date.now(), files: filesObject()}));
      return true;
    } catch (e) {
      return false;
    }
  }

  function forgetInBrowser() {
    try {
      window.localStorage.removeItem(storageKey);
    } catch (e) {
      // Nothing kept, nothing to forget.
    }
  }

  function saveDraft(keepalive) {
    window.clearTimeout(saveTimer);
    if (!dirty) {
      return Promise.resolve(true);
    }
    var sent = changes;
    var body = JSON.stringify({files: filesObject()});
    say('Saving your draft…');
    return window.fetch(draftUrl, {
      method: 'PUT',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      body: body,
      credentials: 'same-origin',
      // A page that is going away may still finish this request; browsers cap such bodies at 64 KB.
      keepalive: Boolean(keepalive) && body.length < 60000
    }).then(function (response) {
      return response.json().catch(function () {
        return {};
      }).then(function (answer) {
        if (response.ok) {
          if (sent === changes) {
            dirty = false;
          }
          forgetInBrowser();
          say('Draft saved at ' + clock(answer.updatedAt) + '.');
          return true;
        }
        keepInBrowser();
        say(answer.error ? answer.error + ' (Kept in this browser for now.)'
          : 'The draft was not saved (HTTP ' + response.status + '); it is kept in this browser for now.');
        return false;
      });
    }, function () {
      var kept = keepInBrowser();
      say(kept ? 'The server cannot be reached: your draft is kept in this browser and saved when you type again.'
        : 'The server cannot be reached and this browser cannot keep the draft: do not close the page yet.');
      return false;
    });
  }

  function deleteDraft() {
    forgetInBrowser();
    return window.fetch(draftUrl, {method: 'DELETE', credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (response) {
        if (response.ok) {
          dirty = false;
          say('Draft removed: you start again from the starter code.');
        }
      }, function () {
        say('The server cannot be reached: the old draft stays until your next change is saved.');
      });
  }

  // A copy this browser kept because the server could not be reached, newer than the server's draft, is restored.
  function restoreFromBrowser() {
    if (openedFromSubmission) {
      return;
    }
    var kept = null;
    try {
      kept = JSON.parse(window.localStorage.getItem(storageKey) || 'null');
    } catch (e) {
      kept = null;
    }
    if (!kept || !kept.files || !(kept.savedAt > serverDraftAt)) {
      forgetInBrowser();
      return;
    }
    var same = Object.keys(kept.files).every(function (path) {
      var file = find(path);
      return file && text(file) === kept.files[path];
    });
    if (same) {
      forgetInBrowser();
      return;
    }
    restore(Object.keys(kept.files).map(function (path) {
      return {path: path, content: kept.files[path]};
    }));
    showNotice('Restored changes kept in this browser at ' + clock(kept.savedAt) + ' (the server had not got them).');
    dirty = true;
    saveDraft();
  }

  // ---- Reset to starter, with undo ----

  function restore(saved) {
    var paths = saved.map(function (entry) {
      return entry.path;
    });
    files.slice().forEach(function (file) {
      if (file.starter === null && paths.indexOf(file.path) < 0) {
        removeFile(file);
      }
    });
    saved.forEach(function (entry) {
      var file = find(entry.path) || addFile(entry.path, entry.content);
      if (text(file) !== entry.content) {
        setText(file, entry.content);
      }
    });
  }

  function resetToStarter() {
    var before = snapshot();
    applying = true;
    try {
      files.slice().forEach(function (file) {
        if (file.starter === null) {
          removeFile(file);
        } else if (text(file) !== file.starter) {
          setText(file, file.starter);
        }
      });
    } finally {
      applying = false;
    }
    window.clearTimeout(saveTimer);
    clearMarks();
    deleteDraft();
    select(files[0], false);
    showNotice('Reset to the starter code.', 'Undo', function () {
      restore(before);
      changes++;
      dirty = true;
      saveDraft();
      showNotice('Your code is back.');
    });
  }

  function showNotice(message, actionLabel, action) {
    notice.textContent = message + ' ';
    if (actionLabel) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button notice-action';
      button.textContent = actionLabel;
      button.addEventListener('click', function () {
        action();
        button.remove();
      });
      notice.appendChild(button);
    }
  }

  // ---- Files the learner adds (where the exercise allows it) ----

  function find(path) {
    for (var i = 0; i < files.length; i++) {
      if (files[i].path === path) {
        return files[i];
      }
    }
    return null;
  }

  function register(panel) {
    var file = {
      id: nextId++,
      path: panel.getAttribute('data-path'),
      panel: panel,
      textarea: panel.querySelector('textarea'),
      readOnly: panel.getAttribute('data-read-only') === 'true',
      starter: panel.hasAttribute('data-starter') ? panel.getAttribute('data-starter') : null,
      cm: null,
      marks: []
    };
    panel.id = panel.id || 'editor-panel-' + file.id;
    files.push(file);
    addTab(file);
    attachCodeMirror(file);
    if (file.starter === null && form.getAttribute('data-allow-new-files') === 'true') {
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove-file link-button';
      remove.textContent = 'Remove ' + file.path;
      remove.addEventListener('click', function () {
        removeFile(file);
        changed();
        select(files[0], true);
      });
      panel.appendChild(remove);
    }
    return file;
  }

  function addFile(path, content) {
    var panel = document.createElement('div');
    panel.className = 'editor-file';
    panel.setAttribute('data-path', path);
    var area = document.createElement('textarea');
    area.name = 'file:' + path;
    area.id = 'file-added-' + nextId;
    area.setAttribute('aria-label', path);
    area.spellcheck = false;
    area.value = content;
    panel.appendChild(area);
    var last = files[files.length - 1].panel;
    last.insertAdjacentElement('afterend', panel);
    return register(panel);
  }

  function removeFile(file) {
    files.splice(files.indexOf(file), 1);
    file.tab.remove();
    file.panel.remove();
    if (current === file) {
      current = null;
    }
  }

  function classFor(path) {
    var parts = path.replace(/\.java$/, '').split('/');
    var name = parts.pop();
    return (parts.length ? 'package ' + parts.join('.') + ';\n\n' : '') + 'public class ' + name + ' {\n}\n';
  }

  function setUpAddFile() {
    var open = form.querySelector('.add-file');
    var box = form.querySelector('.add-file-form');
    if (!open || !box) {
      return;
    }
    var input = box.querySelector('input');
    var error = box.querySelector('.add-file-error');
    function close() {
      box.hidden = true;
      error.textContent = '';
      input.value = '';
      open.focus();
    }
    function confirm() {
      var path = input.value.trim();
      var taken = files.some(function (file) {
        return file.path.toLowerCase() === path.toLowerCase();
      });
      if (!NEW_FILE.test(path) || path.indexOf('..') >= 0 || /(^|\/)module-info\.java$/.test(path)) {
        error.textContent = 'Use folders and a class name ending in .java, e.g. example/Util.java.';
      } else if (taken) {
        error.textContent = path + ' is already there.';
      } else {
        var file = addFile(path, classFor(path));
        changed();
        box.hidden = true;
        input.value = '';
        error.textContent = '';
        select(file, true);
      }
    }
    open.addEventListener('click', function () {
      box.hidden = false;
      input.focus();
    });
    box.querySelector('.add-file-confirm').addEventListener('click', confirm);
    box.querySelector('.add-file-cancel').addEventListener('click', close);
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault();
        confirm();
      } else if (event.key === 'Escape') {
        close();
      }
    });
  }

  // ---- Marks: compile errors and failing checks on their lines ----

  function fileFor(name) {
    if (!name) {
      return null;
    }
    var clean = String(name).replace(/\\/g, '/');
    for (var i = 0; i < files.length; i++) {
      var path = files[i].path;
      if (clean === path || clean.slice(-(path.length + 1)) === '/' + path) {
        return files[i];
      }
    }
    // A stack trace names only the file (Hello.java): take the one file with that name, if there is exactly one.
    var named = files.filter(function (file) {
      return file.path === clean || file.path.slice(-(clean.length + 1)) === '/' + clean;
    });
    return named.length === 1 ? named[0] : null;
  }

  function markLines(diags) {
    (diags || []).forEach(function (diag) {
      var file = fileFor(diag.file);
      if (!file || !file.cm || !(diag.line > 0)) {
        return;
      }
      var kind = diag.severity === 'warning' ? 'warning' : 'error';
      var line = Math.min(diag.line, file.cm.lineCount()) - 1;
      var handle = file.cm.addLineClass(line, 'background', 'lab-line-' + kind);
      var marker = document.createElement('span');
      marker.className = 'lab-mark lab-mark-' + kind;
      marker.textContent = kind === 'error' ? '●' : '▲';
      marker.title = diag.message || kind;
      file.cm.setGutterMarker(line, 'lab-marks', marker);
      file.marks.push({handle: handle, kind: kind, message: diag.message || '', column: diag.column});
      file.tab.classList.add('has-' + kind);
      file.tab.querySelector('.tab-problems').textContent = kind === 'error' ? ' (has errors)' : ' (has warnings)';
    });
    if (current) {
      showLineMessage(current);
    }
  }

  function clearMarks() {
    files.forEach(function (file) {
      if (file.cm) {
        file.marks.forEach(function (mark) {
          file.cm.removeLineClass(mark.handle, 'background', 'lab-line-' + mark.kind);
        });
        file.cm.clearGutter('lab-marks');
      }
      file.marks = [];
      file.tab.classList.remove('has-error', 'has-warning');
      file.tab.querySelector('.tab-problems').textContent = '';
    });
    lineMessage.textContent = '';
  }

  // The message of a marked line is shown below the editor while the cursor is on it (hover shows it too).
  function showLineMessage(file) {
    if (!file.cm) {
      return;
    }
    var handle = file.cm.getLineHandle(file.cm.getCursor().line);
    var messages = file.marks.filter(function (mark) {
      return mark.handle === handle;
    }).map(function (mark) {
      return (mark.kind === 'error' ? 'Error: ' : 'Warning: ') + mark.message;
    });
    lineMessage.textContent = messages.length
      ? file.path + ' line ' + (file.cm.getLineNumber(handle) + 1) + ': ' + messages.join(' ') : '';
  }

  function reveal(name, line, column) {
    var file = fileFor(name);
    if (!file) {
      return false;
    }
    select(file, true);
    if (file.cm) {
      var position = {line: Math.max(0, Math.min((line || 1), file.cm.lineCount()) - 1), ch: Math.max(0, (column || 1) - 1)};
      file.cm.setCursor(position);
      // The page brings the editor into view; the editor (at most 70% of the window high) scrolls to the line.
      file.cm.getWrapperElement().scrollIntoView({block: 'nearest'});
      file.cm.scrollIntoView(position, 80);
    }
    return true;
  }

  // ---- Keys, submit, leaving the page ----

  function runChecks() {
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  // Capture phase, so CodeMirror never sees these keys and the browser never opens its own save dialog.
  form.addEventListener('keydown', function (event) {
    var mod = event.ctrlKey || event.metaKey;
    if (mod && event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      runChecks();
    } else if (mod && (event.key === 's' || event.key === 'S')) {
      event.preventDefault();
      event.stopPropagation();
      dirty = true;
      saveDraft();
    }
  }, true);

  form.addEventListener('submit', function (event) {
    submitting = true;
    saveDraft(true);
    if (event.defaultPrevented) {
      // Another script (the run loop) runs the checks on this page: the page stays, and so does the warning.
      submitting = false;
      return;
    }
    var button = form.querySelector('button.run');
    // Disabled after the browser has read the form, so the click still submits once.
    window.setTimeout(function () {
      if (!event.defaultPrevented) {
        button.disabled = true;
        button.textContent = 'Submitting…';
      } else {
        submitting = false;
      }
    }, 0);
  });

  window.addEventListener('beforeunload', function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  window.addEventListener('pagehide', function () {
    if (dirty) {
      keepInBrowser();
      saveDraft(true);
    }
  });

  document.addEventListener('lab:run-started', function () {
    saveDraft();
  });
  document.addEventListener('lab:diagnostics', function (event) {
    markLines(event.detail);
  });
  document.addEventListener('lab:clear-diagnostics', clearMarks);

  // ---- Start ----

  Array.prototype.forEach.call(form.querySelectorAll('.editor-file'), register);
  if (!files.length) {
    return;
  }
  toolbar.hidden = false;
  form.classList.add('enhanced');
  select(files[0], false);
  form.querySelector('.reset-starter').addEventListener('click', resetToStarter);
  setUpAddFile();
  restoreFromBrowser();

  window.labEditor = {
    files: snapshot,
    markLines: markLines,
    clearMarks: clearMarks,
    reveal: reveal,
    saveDraft: function () {
      dirty = true;
      return saveDraft();
    }
  };
}());
