// Lesson pages: highlight fenced code and draw mermaid diagrams, once the deferred libraries are loaded.
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
  if (window.mermaid) {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
    window.mermaid.run({ querySelector: 'pre.mermaid' });
  }
});
