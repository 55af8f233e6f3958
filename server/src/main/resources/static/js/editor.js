// Small comforts for the plain-textarea editor: Tab indents, Ctrl+Enter runs the checks, no double submissions.
(function () {
  'use strict';
  var form = document.querySelector('form.editor');
  if (!form) {
    return;
  }
  var INDENT = '    ';
  // Keyboard users need a way out of a textarea that takes Tab: after Esc, the next Tab moves focus as usual.
  var tabLeaves = false;

  form.addEventListener('keydown', function (event) {
    var area = event.target;
    if (area.tagName !== 'TEXTAREA') {
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.submit();
      return;
    }
    if (event.key === 'Escape') {
      tabLeaves = true;
      return;
    }
    if (event.key === 'Tab' && tabLeaves) {
      tabLeaves = false;
      return;
    }
    tabLeaves = false;
    if (event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      var start = area.selectionStart;
      area.setRangeText(INDENT, start, area.selectionEnd, 'end');
    }
  });

  form.addEventListener('submit', function () {
    var button = form.querySelector('button.run');
    // Disabled after the browser has read the form, so the click still submits once.
    window.setTimeout(function () {
      button.disabled = true;
      button.textContent = 'Submitting…';
    }, 0);
  });
})();
