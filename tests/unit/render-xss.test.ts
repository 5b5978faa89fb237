/**
 * Every vector of tests/fixtures/xss/vectors.yaml through the Markdown renderer, as a block
 * (situation, dilemma, ...) and as one line (lessons, arguments, summary): the output is inert,
 * and what was removed is reported. The end-to-end side (a real build, opened in Chromium) is
 * tests/e2e/xss.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MarkdownRenderer, type Finding } from '../../src/render/markdown.js';
import { assertInert, inertProblems, loadVectors, removedMarkup } from '../xss.js';

const BASE = 'http://127.0.0.1:9';
const vectors = loadVectors(BASE);
const renderer = new MarkdownRenderer();

function render(text: string, inline: boolean) {
  const findings: Finding[] = [];
  const source = { root: '/nonexistent-casebook', baseDir: '/nonexistent-casebook', lang: 'nl' as const, report: (f: Finding) => findings.push(f) };
  const html = inline ? renderer.inline(text, source) : renderer.block(text, source);
  return { html, rules: findings.map((f) => f.rule) };
}

describe('the XSS vectors', () => {
  it('are at least 60, named uniquely, from OWASP, DOMPurify and our own', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(60);
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
    for (const source of ['owasp', 'dompurify', 'casebook']) expect(vectors.filter((v) => v.source === source).length, source).toBeGreaterThanOrEqual(15);
  });

  it('cover control characters that YAML only carries escaped', () => {
    expect(vectors.find((v) => v.name === 'a-javascript-null-byte')!.input).toContain('java\0script:');
    expect(vectors.find((v) => v.name === 'a-javascript-tab')!.input).toContain('jav\tascript:');
    expect(vectors.find((v) => v.name === 'a-javascript-line-separator')!.input).toContain('\u2028javascript:');
  });
});

describe('the inertness check itself', () => {
  it.each([
    ['an event handler', '<p onclick="x()">a</p>', 'attribute onclick on <p>'],
    ['a script', '<script>x()</script>', 'element <script>'],
    ['an element the renderer never makes', '<svg></svg>', 'element <svg>'],
    ['a javascript: link behind entities', '<a href="&#106;avascript:x()">a</a>', 'href="javascript:x()"'],
    ['a remote image', '<img src="http://127.0.0.1:9/x.png">', 'src="http://127.0.0.1:9/x.png"'],
    ['an image from the test server, even inlined', '<img src="data:image/png;base64,x#127.0.0.1:9">', 'src from data:image/png;base64,x#127.0.0.1:9'],
    ['an unquoted attribute a browser would still read', '<img src=x onerror=alert(1)>', "a '<' that starts no well-formed tag: <img src=x onerror=alert(1)>"],
    ['a style attribute', '<span style="background:url(x)">a</span>', 'attribute style on <span>'],
  ])('finds %s', (_name, html, problem) => {
    expect(inertProblems(html, ['127.0.0.1:9'])).toContain(problem);
  });

  it('sees what was taken out of the text without a trace', () => {
    expect(removedMarkup('<svg onload=x()>a</svg> [b](javascript:x())', '<p>a <span>b</span></p>')).toEqual(['<svg', 'onload', 'javascript:']);
    expect(removedMarkup('<b>a</b> <svg onload=x()>', '<p><b>a</b> &lt;svg onload=x()&gt;</p>')).toEqual([]);
  });

  it('passes what casebook should make', () => {
    expect(inertProblems('<p><a href="https://wetten.overheid.nl/x?a=1&amp;b=2" rel="noopener noreferrer">wet</a> <img alt="" src="data:image/png;base64,iVBO" /><br /></p>\n<ol start="3"><li>x &lt;script&gt;</li></ol>')).toEqual([]);
  });
});

describe('every vector through the renderer', () => {
  // Either the vector shows as text (marked escaped it), or what was taken out is reported.
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    for (const inline of [false, true]) {
      const mode = inline ? 'inline' : 'block';
      const { html, rules } = render(vector.input, inline);
      assertInert(html, ['127.0.0.1:9']);
      for (const rule of rules) expect(rule).toMatch(/^render\/(unsafe-html|unsafe-link|remote-image|image-outside|image-missing)$/);
      if (!vector.warns) expect(rules, `${mode}: nothing risky to warn about`).toEqual([]);
      else if (rules.length === 0) expect(removedMarkup(vector.input, html), `${mode}: removed without a warning`).toEqual([]);
    }
  });

  it('warn about most of them: they are rarely text that merely looks like code', () => {
    for (const inline of [false, true]) {
      const warned = vectors.filter((v) => render(v.input, inline).rules.length > 0);
      expect(warned.length, inline ? 'inline' : 'block').toBeGreaterThanOrEqual(Math.floor(vectors.length * 0.8));
    }
  });

  it('warn about a tag left open at the very end, which the parser drops without a word', () => {
    expect(render('<iframe src=http://127.0.0.1:9/x <', false)).toEqual({ html: '', rules: ['render/unsafe-html'] });
    expect(render('<p>tekst</p>\n<b', false).rules).toEqual([]);
    // Only once when it is text inside an element that is dropped already.
    expect(render('<script>x <iframe', false).rules).toEqual(['render/unsafe-html']);
    expect(render('<style>a {} </style><svg', false).rules).toEqual(['render/unsafe-html', 'render/unsafe-html']);
  });

  it('keep their text where they are text (code, escapes, old encodings)', () => {
    const text = (name: string) => render(vectors.find((v) => v.name === name)!.input, false).html;
    // The sanitiser writes the text out again: an apostrophe is a plain ' (the same text to a browser).
    expect(text('md-code-span')).toBe("<p>Typ nooit <code>&lt;script&gt;top.__xss='md-code-span'&lt;/script&gt;</code> in een casus.</p>\n");
    expect(text('md-escaped-html')).toBe("<p>&lt;script&gt;top.__xss='md-escaped-html'&lt;/script&gt;</p>\n");
    expect(text('us-ascii-encoding')).toBe('<p>¼script¾alert(¢XSS¢)¼/script¾</p>\n');
  });
});
