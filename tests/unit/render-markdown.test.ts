import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarkdownRenderer, inlineImage, type Finding } from '../../src/render/markdown.js';
import { makeTree } from '../helpers.js';
import { assertInert } from '../xss.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

function render(text: string, options: { inline?: boolean; root?: string; baseDir?: string } = {}) {
  const findings: Finding[] = [];
  const root = options.root ?? '/nonexistent-casebook';
  const source = { root, baseDir: options.baseDir ?? root, lang: 'nl' as const, report: (f: Finding) => findings.push(f) };
  const renderer = new MarkdownRenderer();
  const html = options.inline ? renderer.inline(text, source) : renderer.block(text, source);
  return { html, findings, rules: findings.map((f) => f.rule) };
}

describe('sanitising case Markdown', () => {
  const vectors: Array<[string, string, string[]]> = [
    ['script element', 'Tekst <script>alert(1)</script> verder', ['render/unsafe-html']],
    ['img onerror', '<img src=x onerror=alert(1)>', ['render/unsafe-html', 'render/image-missing']],
    ['javascript: in an HTML link', '<a href="javascript:alert(1)">klik</a>', ['render/unsafe-link']],
    ['javascript: in a Markdown link', '[klik](javascript:alert(1))', ['render/unsafe-link']],
    ['javascript: with mixed case', '<a href="JaVaScRiPt:alert(1)">klik</a>', ['render/unsafe-link']],
    ['javascript: with an entity', '<a href="&#106;avascript:alert(1)">klik</a>', ['render/unsafe-link']],
    ['javascript: with a tab inside', '<a href="java&#x09;script:alert(1)">klik</a>', ['render/unsafe-link']],
    ['javascript: after spaces', '<a href="  javascript:alert(1)">klik</a>', ['render/unsafe-link']],
    ['vbscript:', '<a href="vbscript:msgbox(1)">klik</a>', ['render/unsafe-link']],
    ['data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>', ['render/unsafe-link']],
    ['iframe', '<iframe src="//evil.example/x"></iframe>', ['render/unsafe-html']],
    ['svg with script', '<svg onload=alert(1)><script>alert(2)</script></svg>', ['render/unsafe-html']],
    ['math mutation', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ['render/unsafe-html']],
    ['noscript mutation', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', ['render/unsafe-html']],
    ['style element', '<style>@import "http://evil.example/x.css";</style>', ['render/unsafe-html']],
    ['style attribute', '<p style="background:url(http://evil.example/x.png)">x</p>', ['render/unsafe-html']],
    ['link element', '<link rel="stylesheet" href="http://evil.example/x.css">', ['render/unsafe-html']],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=http://evil.example">', ['render/unsafe-html']],
    ['base element', '<base href="http://evil.example/">', ['render/unsafe-html']],
    ['form', '<form action="http://evil.example"><button formaction="http://evil.example">ga</button></form>', ['render/unsafe-html']],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf">', ['render/unsafe-html']],
    ['srcset', '<img src="x.png" srcset="http://evil.example/a.png 2x">', ['render/unsafe-html']],
    ['details ontoggle', '<details open ontoggle=alert(1)><summary>x</summary></details>', ['render/unsafe-html']],
    ['autofocus input', '<input autofocus onfocus=alert(1)>', ['render/unsafe-html']],
    ['video source', '<video><source onerror=alert(1)></video>', ['render/unsafe-html']],
    ['template', '<template><script>alert(1)</script></template>', ['render/unsafe-html']],
    ['event handler on a safe link', '<a href="#casus" onclick="alert(1)">x</a>', ['render/unsafe-html']],
    ['remote Markdown image', '![x](http://127.0.0.1:9/x.png)', ['render/remote-image']],
    ['protocol-relative image', '![x](//evil.example/x.png)', ['render/remote-image']],
    ['file: image', '<img src="file:///etc/passwd">', ['render/image-outside']],
  ];

  it.each(vectors)('%s: inert output and a warning', (_name, input, rules) => {
    const { html, rules: reported } = render(input);
    assertInert(html);
    for (const rule of rules) expect(reported).toContain(rule);
  });

  it('also in one-line fields (arguments, lessons)', () => {
    for (const [, input] of vectors) assertInert(render(input, { inline: true }).html);
  });

  it('points each warning at the offending text', () => {
    const { findings } = render('Zie <a href="javascript:alert(1)" onmouseover="x()">hier</a> en <script>x</script>');
    expect(findings).toEqual([
      { rule: 'render/unsafe-html', message: "Het attribuut 'onmouseover' op <a> is niet toegestaan in een casus en is weggelaten.", needle: 'onmouseover=' },
      { rule: 'render/unsafe-link', message: "De link 'javascript:alert(1)' is weggelaten. Toegestaan zijn links naar http(s), mailto en tel, en verwijzingen binnen het casusboek (#...).", needle: 'javascript:alert(1)' },
      { rule: 'render/unsafe-html', message: 'Het HTML-element <script> is niet toegestaan in een casus en is weggelaten.', needle: '<script' },
    ]);
  });

  it('keeps the text of what it removes, but not the code', () => {
    const { html } = render('<b>Vet</b> <font color=red>rood</font> <script>geheim()</script>');
    expect(html).toBe('<p><b>Vet</b> rood </p>\n');
  });

  it('keeps ordinary Markdown as it is', () => {
    const { html, findings } = render('Een **vet** en *schuin* woord.\n\n- een\n- twee\n\n> citaat\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(findings).toEqual([]);
    expect(html).toContain('<strong>vet</strong>');
    expect(html).toContain('<ul>\n<li>een</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<td>1</td>');
  });

  it('keeps safe links, and marks external ones noopener', () => {
    const { html, findings } = render('[wet](https://wetten.overheid.nl/x) [mail](mailto:team@gemeente.example) [elders](#case-x)', { inline: true });
    expect(findings).toEqual([]);
    expect(html).toBe('<a href="https://wetten.overheid.nl/x" rel="noopener noreferrer">wet</a> <a href="mailto:team@gemeente.example">mail</a> <a href="#case-x">elders</a>');
  });

  it('drops links to files, which lead nowhere in a self-contained book', () => {
    const { html, rules } = render('[brief](../../etc/passwd)', { inline: true });
    expect(html).toBe('<span>brief</span>');
    expect(rules).toEqual(['render/unsafe-link']);
  });

  it('puts headings of a field below the section headings of a case (h5, h6)', () => {
    expect(render('# Kop\n\n## Sub\n\n### Subsub').html).toBe('<h5>Kop</h5>\n<h6>Sub</h6>\n<h6>Subsub</h6>\n');
    expect(render('<h1>Raw</h1>').html).toBe('<h5>Raw</h5>');
  });

  it('shows a task list without form controls', () => {
    const { html, findings } = render('- [x] gedaan\n- [ ] open');
    expect(findings).toEqual([]);
    expect(html).toContain('☑ gedaan');
    expect(html).toContain('☐ open');
    expect(html).not.toContain('<input');
  });
});

describe('images', () => {
  const root = makeTree({ 'casebook.yaml': 'title: T\n', 'cases/wmo/a.yaml': '', 'img/logo.png': PNG, 'img/fake.png': 'gewoon tekst', 'img/vector.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>', 'img/notes.txt': 'x' });
  const cases = path.join(root, 'cases', 'wmo');
  const outside = makeTree({ 'secret.png': PNG });
  mkdirSync(path.join(root, 'links'));
  symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'links', 'secret.png'));

  it('are inlined as data: URIs, relative to the case file', () => {
    const { html, findings } = render('![Logo](../../img/logo.png)', { root, baseDir: cases });
    expect(findings).toEqual([]);
    expect(html).toBe(`<p><img alt="Logo" src="data:image/png;base64,${PNG.toString('base64')}" /></p>\n`);
  });

  it('refuses a path that leaves the casebook folder', () => {
    const { html, findings } = render('![x](../../../secret.png)', { root, baseDir: cases });
    expect(html).toBe('<p></p>\n');
    expect(findings).toEqual([{ rule: 'render/image-outside', message: "De afbeelding '../../../secret.png' ligt buiten de map van het casusboek en is weggelaten.", needle: '../../../secret.png' }]);
  });

  it('refuses a symbolic link inside the casebook that points outside it', () => {
    expect(render('![x](../../links/secret.png)', { root, baseDir: cases }).rules).toEqual(['render/image-outside']);
  });

  it('refuses absolute paths and ../../etc/passwd', () => {
    expect(render('![x](/etc/passwd)', { root, baseDir: cases }).rules).toEqual(['render/image-outside']);
    expect(render('![x](../../../../../../../../etc/passwd)', { root, baseDir: cases }).rules).toEqual(['render/image-outside']);
  });

  it('reports missing files, files that are no image, and false extensions', () => {
    expect(render('![x](../../img/missing.png)', { root, baseDir: cases }).rules).toEqual(['render/image-missing']);
    expect(render('![x](../../img/notes.txt)', { root, baseDir: cases }).rules).toEqual(['render/image-missing']);
    expect(render('![x](../../img/fake.png)', { root, baseDir: cases }).rules).toEqual(['render/image-missing']);
  });

  it('inlines SVG as an image, where it cannot run scripts', () => {
    const result = inlineImage('img/vector.svg', root, root, 'nl');
    expect(result).toEqual({ ok: true, uri: `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}` });
  });

  it('reads an image once per build', () => {
    const renderer = new MarkdownRenderer();
    const source = { root, baseDir: cases, lang: 'nl' as const, report: () => undefined };
    const first = renderer.inline('![a](../../img/logo.png)', source);
    writeFileSync(path.join(root, 'img', 'logo.png'), Buffer.concat([PNG, Buffer.from('changed')]));
    expect(renderer.inline('![a](../../img/logo.png)', source)).toBe(first);
  });
});
