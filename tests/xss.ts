/**
 * The XSS vectors of tests/fixtures/xss/vectors.yaml, and the check that rendered case HTML is
 * inert. The check reads the output as a browser would see its tags: every `<` must open or
 * close a well-formed element from a short list of elements that cannot run or load anything,
 * with only attributes that cannot either. It is deliberately stricter than the renderer (which
 * it does not import), so that a loosened renderer fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { fixtures } from './helpers.js';

export interface XssVector {
  name: string;
  input: string;
  /** False when nothing risky is removed, so no render/* warning is due. */
  warns: boolean;
  source: 'owasp' | 'dompurify' | 'casebook';
}

/** The vectors with {BASE} and {HOST} filled in (base: `http://127.0.0.1:PORT`). */
export function loadVectors(base: string): XssVector[] {
  const host = base.replace(/^https?:\/\//, '');
  const raw = parse(readFileSync(path.join(fixtures, 'xss', 'vectors.yaml'), 'utf8')) as Array<{ name: string; input: string; warns?: boolean; source: XssVector['source'] }>;
  return raw.map((v) => ({ name: v.name, input: v.input.replaceAll('{BASE}', base).replaceAll('{HOST}', host), warns: v.warns !== false, source: v.source }));
}

/** Elements that, without attributes, neither run code nor load anything. */
const INERT_ELEMENTS = new Set([
  'p', 'div', 'br', 'hr', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'code',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'abbr', 'q',
  'cite', 'dfn', 'kbd', 'samp', 'var', 'span', 'wbr', 'a', 'img', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
]);
/** Attributes that are harmless on these elements; href and src are checked by value. */
const INERT_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href', 'title', 'rel']),
  img: new Set(['src', 'alt', 'title', 'width', 'height']),
  abbr: new Set(['title']),
  ol: new Set(['start', 'reversed']),
  th: new Set(['colspan', 'rowspan', 'align']),
  td: new Set(['colspan', 'rowspan', 'align']),
};
const SAFE_HREF = /^(#[^\s]*|https?:\/\/[^\s/]+[^\s]*|mailto:[^\s]+|tel:[^\s]+)$/i;
const INLINED_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/;
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*(\/?)>/;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:="([^"]*)")?/g;

/** Character references decoded, as a browser reads an attribute value. */
function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|lt|gt|apos);?/gi, (_m, ref: string) => {
    const lower = ref.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" }[lower]!;
  });
}

/**
 * What in `html` could run, load or submit something; [] when it is inert. Images from any of
 * `forbiddenHosts` count twice (a test server that must never be reached); a plain link to one
 * is fine, as following it is the reader's choice.
 */
export function inertProblems(html: string, forbiddenHosts: string[] = []): string[] {
  const problems: string[] = [];
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const tag = TAG.exec(html.slice(at));
    if (!tag) {
      problems.push(`a '<' that starts no well-formed tag: ${html.slice(at, at + 40)}`);
      continue;
    }
    const [, closing, rawName, attributes] = tag;
    const name = rawName!.toLowerCase();
    if (!INERT_ELEMENTS.has(name)) problems.push(`element <${name}>`);
    if (closing) continue;
    for (const [, rawAttribute, rawValue] of attributes!.matchAll(ATTRIBUTE)) {
      const attribute = rawAttribute!.toLowerCase();
      const value = decodeAttribute(rawValue ?? '');
      if (!INERT_ATTRIBUTES[name]?.has(attribute)) {
        problems.push(`attribute ${attribute} on <${name}>`);
        continue;
      }
      if (attribute === 'href' && !SAFE_HREF.test(value)) problems.push(`href=${JSON.stringify(value)}`);
      if (attribute === 'src' && !INLINED_IMAGE.test(value)) problems.push(`src=${JSON.stringify(value)}`);
      if (attribute === 'src' && forbiddenHosts.some((host) => value.includes(host))) problems.push(`src from ${value}`);
    }
  }
  return problems;
}

/** The text a reader sees: tags left out, character references decoded. */
export function visibleText(html: string): string {
  // Soft hyphens (typography.ts) show only where a line breaks.
  return decodeAttribute(html.replace(/<[^>]*>/g, '')).replaceAll('\u00AD', '');
}

/** Elements that can run or load something, event handlers, risky attributes, script URLs. */
const RISKY_MARKUP = /<([a-zA-Z][a-zA-Z0-9-]*)|\b(on[a-z]{3,}|style|srcset|formaction|action|background|dynsrc|lowsrc|ping|poster|xlink:href|srcdoc|codebase)\s*=|\b(javascript|vbscript|livescript|data):/gi;

/**
 * The risky markup of `input` that a reader does not see as text in `html`: what the renderer
 * took out. Opening tags of inert elements do not count; they stay elements.
 */
export function removedMarkup(input: string, html: string): string[] {
  const text = visibleText(html).toLowerCase();
  const removed: string[] = [];
  for (const match of input.matchAll(RISKY_MARKUP)) {
    if (match[1] && INERT_ELEMENTS.has(match[1].toLowerCase())) continue;
    const token = match[0].replace(/\s*=$/, '').toLowerCase();
    if (!text.includes(token)) removed.push(token);
  }
  return [...new Set(removed)];
}

/** Nothing in the output can run code, load anything or submit anything. */
export function assertInert(html: string, forbiddenHosts: string[] = []): void {
  expect(inertProblems(html, forbiddenHosts), html).toEqual([]);
}
