// Lesson pages: highlight fenced code and draw mermaid diagrams, once the deferred libraries are loaded.
document.addEventListener('DOMContentLoaded', function () {
  if (window.hljs) {
    document.querySelectorAll('pre code[class*="language-"]').forEach(function (block) {
      window.hljs.highlightElement(block);
    });
  }
  if (window.mermaid) {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
    window.mermaid.run({ querySelector: 'pre.mermaid' });
  }
});
