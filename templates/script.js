/*
 * Search and filters for the casebook's HTML. Everything works offline, on the text that is
 * already in the page. Without scripting the finder stays hidden and the book reads as a whole.
 */
(function () {
  'use strict';
  var finder = document.getElementById('finder');
  if (!finder) return;
  var input = document.getElementById('finder-q');
  var selects = Array.prototype.slice.call(finder.querySelectorAll('select[data-filter]'));
  var count = document.getElementById('finder-count');
  var reset = document.getElementById('finder-reset');

  function fold(text) {
    return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  function byData(selector, attribute) {
    var map = {};
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (el) {
      map[el.getAttribute(attribute)] = el;
    });
    return map;
  }

  var tocCases = byData('.toc [data-case]', 'data-case');
  var tocChapters = byData('.toc [data-chapter]', 'data-chapter');
  var cases = Array.prototype.map.call(document.querySelectorAll('article.case'), function (el) {
    return {
      el: el,
      text: fold(el.textContent || ''),
      values: (el.getAttribute('data-values') || '').split(' '),
      domains: (el.getAttribute('data-domains') || '').split(' '),
      status: [el.getAttribute('data-status') || ''],
    };
  });
  var chapters = Array.prototype.slice.call(document.querySelectorAll('section.chapter'));

  function apply() {
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    var wanted = selects.map(function (select) {
      return { key: select.getAttribute('data-filter'), value: select.value };
    }).filter(function (w) { return w.value !== ''; });
    var shown = 0;
    cases.forEach(function (c) {
      var match = terms.every(function (term) { return c.text.indexOf(term) >= 0; }) &&
        wanted.every(function (w) { return c[w.key].indexOf(w.value) >= 0; });
      c.el.hidden = !match;
      if (tocCases[c.el.id]) tocCases[c.el.id].hidden = !match;
      if (match) shown++;
    });
    chapters.forEach(function (chapter) {
      var empty = !chapter.querySelector('article.case:not([hidden])');
      chapter.hidden = empty;
      if (tocChapters[chapter.id]) tocChapters[chapter.id].hidden = empty;
    });
    var text = finder.getAttribute('data-shown').replace('{shown}', String(shown)).replace('{total}', String(cases.length));
    count.textContent = shown === 0 ? text + '. ' + finder.getAttribute('data-none') : text;
  }

  var timer;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  selects.forEach(function (select) { select.addEventListener('change', apply); });
  reset.addEventListener('click', function () {
    input.value = '';
    selects.forEach(function (select) { select.value = ''; });
    apply();
    input.focus();
  });
  finder.hidden = false;
  apply();
})();
