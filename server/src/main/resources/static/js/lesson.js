// Lesson and exercise pages: highlight fenced code and draw mermaid diagrams, once the deferred libraries are loaded.
document.addEventListener('DOMContentLoaded', function () {
  if (window.hljs) {
    document.querySelectorAll('pre code[class*="language-"]').forEach(function (block) {
      window.hljs.highlightElement(block);
    });
  }
  // A code block wider than the page scrolls sideways: it takes focus, so keyboard users can scroll it too.
  document.querySelectorAll('.markdown-body pre, .markdown-body pre > code').forEach(function (element) {
    if (element.scrollWidth > element.clientWidth && !element.hasAttribute('tabindex')) {
      element.tabIndex = 0;
    }
  });
  drawDiagrams();
});

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
    window.mermaid.run({ querySelector: 'pre.mermaid' });
  };
  document.head.appendChild(script);
}
