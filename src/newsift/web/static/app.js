// newsift: the one script (CSP script-src 'self'). Highlights the sentence a #s-N link points at;
// a sentence cut into several pieces by marks carries data-s on each piece.
(function () {
  function mark() {
    document.querySelectorAll(".sentence-target").forEach(function (el) { el.classList.remove("sentence-target"); });
    var m = /^#s-(\d+)$/.exec(window.location.hash);
    if (!m) return;
    document.querySelectorAll('[data-s="' + m[1] + '"]').forEach(function (el) { el.classList.add("sentence-target"); });
  }
  window.addEventListener("hashchange", mark);
  document.addEventListener("DOMContentLoaded", mark);
})();
