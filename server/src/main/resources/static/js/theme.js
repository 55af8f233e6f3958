// Light or dark: the reader's choice (remembered in localStorage) wins over the system setting. Loaded in <head>,
// not deferred, so the page is painted in the right colours from the start.
(function () {
  var stored = null;
  try {
    stored = window.localStorage.getItem('lab-theme');
  } catch (e) {
    // Storage may be off (private mode); the system setting then decides.
  }
  if (stored === 'light' || stored === 'dark') {
    document.documentElement.setAttribute('data-theme', stored);
  }
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.querySelector('.theme-toggle');
    if (!button) {
      return;
    }
    function current() {
      var chosen = document.documentElement.getAttribute('data-theme');
      if (chosen) {
        return chosen;
      }
      return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    }
    function label() {
      var dark = current() === 'dark';
      button.textContent = dark ? 'Light mode' : 'Dark mode';
      button.setAttribute('aria-pressed', dark ? 'true' : 'false');
    }
    button.hidden = false;
    label();
    button.addEventListener('click', function () {
      var next = current() === 'dark' ? 'light' : 'dark';
      document.documentElement.setAttribute('data-theme', next);
      try {
        window.localStorage.setItem('lab-theme', next);
      } catch (e) {
        // Not remembered, but still switched for this page.
      }
      label();
    });
  });
}());
