// Live reload for authors (lab serve --watch): listens to /_watch/events and reloads the page when the course
// content it shows was reloaded, or shows the content's problems in a banner while the last good content stays.
// The layout includes this file only in watch mode. Problem texts are file names and messages: always set as text.
(function () {
  'use strict';
  var script = document.currentScript;
  var version = script ? Number(script.getAttribute('data-version')) : NaN;
  if (!window.EventSource) {
    return;
  }

  function reload() {
    // A page may hold work that a reload would lose (the editor's unsaved code): it can cancel this event and
    // offer a reload link instead.
    var proceed = document.dispatchEvent(new CustomEvent('lab:content-reload', { cancelable: true }));
    if (proceed) {
      window.location.reload();
    } else {
      showBanner('The course content changed', ['Reload the page to see it.'], true);
    }
  }

  function showBanner(title, lines, offerReload) {
    var banner = document.querySelector('.content-problems');
    if (!banner) {
      banner = document.createElement('section');
      banner.className = 'content-problems';
      banner.setAttribute('role', 'alert');
      var header = document.querySelector('.site-header');
      if (header && header.parentNode) {
        header.parentNode.insertBefore(banner, header.nextSibling);
      } else {
        document.body.insertBefore(banner, document.body.firstChild);
      }
    }
    banner.textContent = '';
    var heading = document.createElement('h2');
    heading.textContent = title;
    banner.appendChild(heading);
    var note = document.createElement('p');
    note.textContent = offerReload ? '' : 'This page shows the last version that loaded. Fix the file and save it; '
        + 'the page reloads itself.';
    if (offerReload) {
      var link = document.createElement('a');
      link.href = window.location.href;
      link.textContent = 'Reload now';
      note.appendChild(link);
    }
    banner.appendChild(note);
    var list = document.createElement('ul');
    lines.forEach(function (line) {
      var item = document.createElement('li');
      var code = document.createElement('code');
      code.textContent = line;
      item.appendChild(code);
      list.appendChild(item);
    });
    if (!offerReload) {
      banner.appendChild(list);
    }
  }

  var events = new EventSource('/_watch/events');
  events.addEventListener('hello', function (event) {
    // Content reloaded between rendering this page and connecting: the page is stale already.
    if (JSON.parse(event.data).version !== version) {
      reload();
    }
  });
  events.addEventListener('reload', function (event) {
    if (JSON.parse(event.data).version !== version) {
      reload();
    }
  });
  events.addEventListener('problem', function (event) {
    showBanner('The course content has a problem', JSON.parse(event.data).problems, false);
  });
  window.addEventListener('pagehide', function () {
    events.close();
  });
}());
