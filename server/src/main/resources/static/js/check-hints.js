// Opens the next hint level of a failed check in place, on the result page and in the exercise page's results panel
// (whose report arrives after this script ran, hence one listener on the document). Without JavaScript the same form
// posts and the result page comes back at the check's hints.
(function () {
  'use strict';

  function render(form, answer) {
    var box = form.closest('.check-hints');
    var list = box.querySelector('.hint-levels');
    // Only the new levels are appended, so the polite live region announces just the text that was opened.
    for (var i = list.children.length; i < answer.hints.length; i++) {
      var li = document.createElement('li');
      li.className = 'hint-level';
      var label = document.createElement('span');
      label.className = 'hint-label';
      label.textContent = 'Hint ' + (i + 1) + ' of ' + answer.levels;
      var p = document.createElement('p');
      p.textContent = answer.hints[i];
      li.appendChild(label);
      li.appendChild(p);
      list.appendChild(li);
    }
    var button = form.querySelector('button');
    if (answer.opened >= answer.levels) {
      form.remove();
      list.setAttribute('tabindex', '-1');
      list.focus();
    } else {
      button.textContent = 'Show hint ' + (answer.opened + 1) + ' of ' + answer.levels;
      button.disabled = false;
      button.focus();
    }
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('check-hint-next')) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    fetch(form.action, {method: 'POST', headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (answer) {
        render(form, answer);
      })
      .catch(function () {
        // The plain form still works: send it as the page would without JavaScript.
        form.submit();
      });
  });
})();
