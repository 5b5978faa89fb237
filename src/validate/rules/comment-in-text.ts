import type { Node } from 'yaml';
import { yaml } from '../../util/yaml.js';
import { NON_PROSE_FIELDS } from '../../case/index.js';
import { quoteLine } from '../../load/mistakes.js';
import { toPointer } from '../../position/index.js';
import type { CaseRule } from '../../rule.js';

/** A text value on a line, then ` #`: cheap test before the document is walked. */
const CANDIDATES = /^[ \t]*(?:-[ \t]+)*(?:[\w-]+:[ \t]+)?[^\s#'"|>[{&*!][^\n]*?[ \t]#/gm;
const NOT_PROSE: ReadonlySet<string> = new Set(NON_PROSE_FIELDS);
/** A top-level `key: value #` line (column 0: a line of a block of text is indented). */
const TOP_LEVEL_KEY = /^([\w-]+):[ \t]/;

/**
 * Every candidate line is a top-level field that is not prose (`status: review  # not yet`,
 * as `casebook new` writes it): nothing to report, and no document to build to know that.
 */
function onlyNonProseFields(text: string): boolean {
  CANDIDATES.lastIndex = 0;
  for (let match; (match = nextCandidate(text)); ) {
    const key = TOP_LEVEL_KEY.exec(match[0])?.[1];
    if (key === undefined || !(NOT_PROSE.has(key) || key === 'id' || key.startsWith('x-'))) return false;
  }
  return true;
}

/**
 * CANDIDATES.exec from its lastIndex, started no earlier than the line of the next space or
 * tab followed by `#`: a match holds no line feed and ends in such a pair, so it cannot start
 * before that line. The pattern tried at every character of a case cost more than the rest
 * of the rule (180 M instructions at 10,000 cases), and most lines have no ` #`.
 */
function nextCandidate(text: string): RegExpExecArray | null {
  const from = CANDIDATES.lastIndex;
  let hash = text.indexOf('#', from + 1);
  while (hash >= 0 && text[hash - 1] !== ' ' && text[hash - 1] !== '\t') hash = text.indexOf('#', hash + 1);
  if (hash < 0) return null;
  CANDIDATES.lastIndex = Math.max(from, text.lastIndexOf('\n', hash - 1) + 1);
  return CANDIDATES.exec(text);
}

/**
 * Whether a space or a tab stands right before some `#` of the text. Searched from each `#`,
 * which most case files have none or a few of: `includes(' #')` looks at every space first
 * (a sixth of a case's characters), 140 M instructions at 10,000 cases.
 */
function hasSpacedHash(text: string): boolean {
  for (let hash = text.indexOf('#', 1); hash >= 0; hash = text.indexOf('#', hash + 1)) {
    const before = text.charCodeAt(hash - 1);
    if (before === 32 || before === 9) return true;
  }
  return false;
}

/** Ids inside a structured field: `values` items and their `id`, an option's `values`. */
function isId(segments: ReadonlyArray<string | number>): boolean {
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  return parent === 'values' || last === 'id';
}

/**
 * `summary: Casus #3 uit het teamoverleg.` is read as `Casus` and a comment: the rest of the
 * line silently disappears from the book. In the text of a case a `#` after a space is
 * almost never meant as a comment, so the text that was kept is shown and the line with
 * the whole text quoted is suggested; `# casebook-disable-line` keeps a comment that is meant.
 */
export const commentInText: CaseRule = {
  id: 'casebook/comment-in-text',
  defaultSeverity: 'warning',
  scope: 'case',
  check(ctx) {
    const text = ctx.file.text;
    // No candidate line at all is only non-prose fields too.
    if (text === undefined || !hasSpacedHash(text) || onlyNonProseFields(text)) return;
    const doc = ctx.file.doc;
    if (!doc) return;
    yaml().visit(doc, {
      Scalar(key, node, path) {
        if (key === 'key' || node.type !== 'PLAIN' || typeof node.value !== 'string' || !node.range) return;
        const end = node.range[1];
        // Only text on the key's own line: a # on a later line of folded text is rarer and murkier.
        if (text.slice(node.range[0], end).includes('\n')) return;
        const lineEnd = text.indexOf('\n', end);
        const rest = text.slice(end, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, '');
        if (!/^[ \t]+#/.test(rest)) return;
        // `# casebook-disable-line privacy/name` is a comment that is meant, whatever rule it names.
        if (/^[ \t]+#\s*casebook-disable-/.test(rest)) return;
        const segments = pointerOf(path, node);
        const field = String(segments[0] ?? '');
        if (segments.length === 0 || NOT_PROSE.has(field) || field.startsWith('x-') || isId(segments)) return;
        const lineStart = text.lastIndexOf('\n', node.range[0]) + 1;
        const lead = text.slice(lineStart, node.range[0]);
        const whole = `${text.slice(node.range[0], end)}${rest.replace(/[ \t]*#\s*casebook-disable-.*$/, '')}`.trim();
        ctx.report({
          pointer: toPointer(segments),
          message: ctx.t('casebook.commentInText', { field, kept: node.value }),
          suggestion: `${lead.trim()} ${quoteLine(whole)}`.trim(),
        });
      },
    });
  },
};

/** The JSON Pointer segments of a node, from the ancestors `visit` passes. */
function pointerOf(path: readonly unknown[], node: Node): Array<string | number> {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  const segments: Array<string | number> = [];
  const chain = [...path, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isPair(parent) && isScalar(parent.key) && parent.value === child) segments.push(String(parent.key.value));
    else if (isSeq(parent)) segments.push(parent.items.indexOf(child as never));
    else if (!isMap(parent) && !isPair(parent)) continue;
  }
  return segments;
}
