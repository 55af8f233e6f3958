// Opens the next hint level in place; without JavaScript the same form posts and the page comes back at #hints.
(function () {
  'use strict';
  var section = document.getElementById('hints');
  var form = section && section.querySelector('form.hint-next');
  if (!form) {
    return;
  }
  var list = section.querySelector('.hint-levels');

  form.addEventListener('submit', function (event) {
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
        while (list.firstChild) {
          list.removeChild(list.firstChild);
        }
        answer.hints.forEach(function (text, index) {
          var li = document.createElement('li');
          li.className = 'hint-level';
          var label = document.createElement('span');
          label.className = 'hint-label';
          label.textContent = 'Hint ' + (index + 1) + ' of ' + answer.levels;
          var p = document.createElement('p');
          p.textContent = text;
          li.appendChild(label);
          li.appendChild(p);
          list.appendChild(li);
        });
        var left = answer.levels - answer.opened;
        if (left <= 0) {
          form.remove();
        } else {
          button.textContent = 'Show the next hint';
          form.querySelector('.note').textContent = left + ' more, from the idea to the code';
          button.disabled = false;
          button.focus();
        }
      })
      .catch(function () {
        // The plain form still works: send it as the page would without JavaScript.
        form.submit();
      });
  });
})();
