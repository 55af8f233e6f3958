// Lesson and exercise pages: highlight fenced code and draw mermaid diagrams, once the deferred libraries are loaded.
document.addEventListener('DOMContentLoaded', function () {
  if (window.hljs) {
    document.querySelectorAll('pre code[class*="language-"]').forEach(function (block) {
      window.hljs.highlightElement(block);
    });
  }
  // A code block or table wider than the page scrolls sideways: it takes focus, so keyboard users can scroll it too.
  document.querySelectorAll('.markdown-body pre, .markdown-body pre > code, .markdown-body table').forEach(function (element) {
    if (element.scrollWidth > element.clientWidth && !element.hasAttribute('tabindex')) {
      element.tabIndex = 0;
    }
  });
  // On a phone the course list would push the lesson a screen down: it starts folded there.
  var courseNav = document.querySelector('.course-nav details');
  if (courseNav && window.matchMedia && window.matchMedia('(max-width: 50rem)').matches) {
    courseNav.open = false;
  }
  makeTabs();
  addCopyButtons();
  drawDiagrams();
});

// Content tabs: the server sends every tab under its title; here each set becomes an ARIA tab list (arrow keys move
// between tabs, as the WAI-ARIA tabs pattern has it).
function makeTabs() {
  document.querySelectorAll('.tabbed-set').forEach(function (set, setIndex) {
    var blocks = Array.prototype.filter.call(set.children, function (child) {
      return child.classList.contains('tabbed-block');
    });
    var list = document.createElement('div');
    list.setAttribute('role', 'tablist');
    list.className = 'tabbed-labels';
    var tabs = blocks.map(function (block, index) {
      var title = block.querySelector('.tabbed-title');
      var id = 'tabs-' + setIndex + '-' + index;
      var tab = document.createElement('button');
      tab.type = 'button';
      tab.id = id + '-tab';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', id);
      tab.textContent = title ? title.textContent : 'Tab ' + (index + 1);
      if (title) {
        title.hidden = true;
      }
      block.id = id;
      block.setAttribute('role', 'tabpanel');
      block.setAttribute('aria-labelledby', tab.id);
      block.tabIndex = 0;
      tab.addEventListener('click', function () { select(index); });
      tab.addEventListener('keydown', function (event) {
        var next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : null;
        if (next !== null) {
          select((next + blocks.length) % blocks.length);
          tabs[(next + blocks.length) % blocks.length].focus();
          event.preventDefault();
        }
      });
      list.appendChild(tab);
      return tab;
    });
    function select(chosen) {
      tabs.forEach(function (tab, index) {
        tab.setAttribute('aria-selected', index === chosen ? 'true' : 'false');
        tab.tabIndex = index === chosen ? 0 : -1;
        blocks[index].hidden = index !== chosen;
      });
    }
    set.insertBefore(list, set.firstChild);
    select(0);
  });
}

// Every code block gets a Copy button; without JS (or without clipboard access) the code is still selectable.
function addCopyButtons() {
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll('.markdown-body pre > code').forEach(function (code) {
    var pre = code.parentNode;
    var box = document.createElement('div');
    box.className = 'code-box';
    pre.parentNode.insertBefore(box, pre);
    box.appendChild(pre);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy code to the clipboard');
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = 'Copied';
      }, function () {
        button.textContent = 'Copy failed';
      });
      setTimeout(function () { button.textContent = 'Copy'; }, 2000);
    });
    box.appendChild(button);
  });
}

// mermaid.js is only named (data-mermaid on this script) on pages with a diagram; it is fetched once the page is up.
function drawDiagrams() {
  var self = document.querySelector('script[data-mermaid]');
  if (!self || !document.querySelector('pre.mermaid')) {
    return;
  }
  var script = document.createElement('script');
  script.src = self.getAttribute('data-mermaid');
  script.onload = function () {
    var dark = document.documentElement.getAttribute('data-theme') === 'dark';
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'neutral' });
    window.mermaid.run({ querySelector: 'pre.mermaid' }).then(function () {
      // mermaid marks each drawing aria-roledescription="flowchart-v2" (and the like): a code name that screen
      // readers would announce instead of the role, and that axe-core flags on mermaid's graphics role.
      document.querySelectorAll('pre.mermaid svg[aria-roledescription]').forEach(function (svg) {
        svg.removeAttribute('aria-roledescription');
        if (!svg.hasAttribute('aria-label') && !svg.hasAttribute('aria-labelledby')) {
          svg.setAttribute('aria-label', 'Diagram');
        }
      });
      // Tests (and anything else) can wait for this before reading the drawn page.
      document.documentElement.setAttribute('data-diagrams', 'drawn');
    });
  };
  document.head.appendChild(script);
}

// Quizzes check in place: the form posts as JSON-accepting fetch and the verdict, the mark of every option and its
// explanation appear in the form, announced by its role="status" region. Without JS the form posts normally and the
// lesson page comes back showing the stored answer and the same feedback.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains('quiz') || !window.fetch) {
    return;
  }
  event.preventDefault();
  var verdict = form.querySelector('.quiz-verdict');
  var data = new URLSearchParams(new FormData(form));
  if (!data.has('answer') || data.get('answer').trim() === '') {
    verdict.textContent = 'Pick or type an answer first.';
    return;
  }
  fetch(form.action, {
    method: 'POST',
    headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: data.toString()
  }).then(function (response) {
    if (!response.ok) {
      throw new Error('the server answered ' + response.status);
    }
    return response.json();
  }).then(function (result) {
    showVerdict(form, result);
  }).catch(function (error) {
    verdict.textContent = 'Could not check the answer (' + error.message + '). Try again.';
  });
});

function showVerdict(form, result) {
  form.classList.toggle('answered-right', result.correct);
  form.classList.toggle('answered-wrong', !result.correct);
  form.querySelector('.quiz-verdict').textContent = result.message;
  var explanation = form.querySelector('.quiz-explanation');
  explanation.hidden = !result.explanation;
  result.options.forEach(function (option) {
    var item = form.querySelector('[data-option="' + option.name + '"]');
    if (!item) {
      return;
    }
    var mark = option.correct ? 'correct' : option.picked ? 'wrong' : '';
    item.classList.remove('correct', 'wrong');
    if (mark) {
      item.classList.add(mark);
    }
    item.querySelector('.quiz-mark').textContent =
        mark === 'correct' ? '✓ right answer' : mark === 'wrong' ? '✗ not this one' : '';
    var why = item.querySelector('.quiz-why');
    why.hidden = !option.explanation;
    if (option.explanation) {
      item.querySelector('input').setAttribute('aria-describedby', why.id);
    }
  });
}
