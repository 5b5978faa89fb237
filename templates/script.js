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
    // Soft hyphens (hyphenation) are not part of a word anyone searches for.
    return text.normalize('NFKD').replace(/[\u0300-\u036f\u00ad]/g, '').toLowerCase();
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

/*
 * "Bespreken": a case on the meeting screen, one part at a time, in the order of the reading
 * guide: situation and request, the dilemma, the options, the four steps of the reverse test,
 * the questions for the team, and the decision and outcome last. The parts are copied from
 * the case itself (and from the appendix when decisions are at the back). Keyboard: arrows,
 * space, Page Up/Down, Home/End; Esc closes. Focus moves to each new part's heading and the
 * progress is announced.
 */
(function () {
  'use strict';
  var dialog = document.getElementById('present');
  if (!dialog || typeof dialog.showModal !== 'function') return;
  var stage = document.getElementById('present-stage');
  var title = document.getElementById('present-title');
  var kicker = document.getElementById('present-kicker');
  var progress = document.getElementById('present-progress');
  var GROUPS = [['situation', 'request'], ['dilemma'], ['options'], ['effect'], ['purpose'], ['consequences'], ['legal'], ['questions'], ['decision', 'outcome']];
  var parts = [];
  var current = 0;
  var opener = null;

  function groupTitle(group, sections) {
    if (sections.length > 1) return dialog.getAttribute(group[0] === 'decision' ? 'data-verdict' : 'data-situation');
    var heading = sections[0].querySelector('h4');
    return heading ? heading.innerHTML : '';
  }

  function partsOf(article, verdictSource) {
    var found = [];
    GROUPS.forEach(function (group) {
      var sections = [];
      group.forEach(function (name) {
        var source = name === 'decision' || name === 'outcome' ? verdictSource : article;
        var section = source && source.querySelector('[data-part="' + name + '"]');
        if (section) sections.push(section);
      });
      if (sections.length === 0) return;
      var part = document.createElement('section');
      part.className = 'present-part present-part-' + group[0];
      var heading = document.createElement('h3');
      heading.className = 'present-part-title';
      heading.tabIndex = -1;
      heading.innerHTML = groupTitle(group, sections);
      part.appendChild(heading);
      sections.forEach(function (section) {
        var copy = section.cloneNode(true);
        // One part shows one section: its heading is the part's own.
        if (sections.length === 1) {
          var own = copy.querySelector('h4');
          if (own) own.remove();
        }
        Array.prototype.forEach.call(copy.querySelectorAll('[id]'), function (el) { el.removeAttribute('id'); });
        copy.removeAttribute('id');
        Array.prototype.forEach.call(copy.querySelectorAll('[aria-labelledby]'), function (el) { el.removeAttribute('aria-labelledby'); });
        Array.prototype.forEach.call(copy.querySelectorAll('.pageref'), function (el) { el.remove(); });
        part.appendChild(copy);
      });
      found.push({ name: group[0], el: part, heading: heading });
    });
    return found;
  }

  function show(index) {
    if (parts.length === 0) return;
    current = Math.max(0, Math.min(parts.length - 1, index));
    stage.textContent = '';
    stage.scrollTop = 0;
    var part = parts[current];
    stage.appendChild(part.el);
    dialog.setAttribute('data-part', part.name);
    progress.textContent = dialog.getAttribute('data-progress').replace('{n}', String(current + 1)).replace('{total}', String(parts.length)) + ': ' + part.heading.textContent;
    dialog.querySelector('[data-present="previous"]').disabled = current === 0;
    dialog.querySelector('[data-present="next"]').disabled = current === parts.length - 1;
    part.heading.focus();
  }

  function open(button) {
    var article = document.getElementById(button.getAttribute('data-discuss'));
    if (!article) return;
    var verdictId = button.getAttribute('data-verdict');
    parts = partsOf(article, verdictId ? document.getElementById(verdictId) : article);
    var caseTitle = article.querySelector('.case-title');
    var caseKicker = article.querySelector('.case-kicker');
    title.innerHTML = caseTitle ? caseTitle.innerHTML : '';
    kicker.textContent = caseKicker ? caseKicker.textContent : '';
    opener = button;
    dialog.showModal();
    if (document.fullscreenEnabled && !document.fullscreenElement && document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () { /* not allowed here: the dialog fills the window anyway */ });
    }
    show(0);
  }

  dialog.addEventListener('close', function () {
    stage.textContent = '';
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    if (opener) opener.focus();
  });
  dialog.addEventListener('click', function (event) {
    var action = event.target.closest && event.target.closest('[data-present]');
    if (!action) return;
    var what = action.getAttribute('data-present');
    if (what === 'close') dialog.close();
    else show(current + (what === 'next' ? 1 : -1));
  });
  dialog.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var onButton = event.target.tagName === 'BUTTON';
    var key = event.key;
    var down = key === 'ArrowDown' || key === 'PageDown' || (key === ' ' && !onButton && !event.shiftKey);
    var up = key === 'ArrowUp' || key === 'PageUp' || (key === ' ' && !onButton && event.shiftKey);
    // A part longer than the screen scrolls first; then the same key goes on to the next part.
    if (down && stage.scrollTop + stage.clientHeight < stage.scrollHeight - 2) return;
    if (up && stage.scrollTop > 2) return;
    var step = 0;
    if (key === 'ArrowRight' || down) step = 1;
    else if (key === 'ArrowLeft' || up) step = -1;
    else if (key === 'Home') step = -parts.length;
    else if (key === 'End') step = parts.length;
    if (step === 0) return;
    event.preventDefault();
    show(current + step);
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-discuss]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { open(button); });
  });

  // Printing from the browser: decision and outcome open, as in the PDF (inline mode).
  var folded = [];
  window.addEventListener('beforeprint', function () {
    folded = Array.prototype.filter.call(document.querySelectorAll('article.case details.case-verdict'), function (d) { return !d.open; });
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });
})();
