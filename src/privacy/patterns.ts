/**
 * The casebook's own patterns (`privacy.patterns` in casebook.yaml), such as the format of
 * the municipality's case numbers. They are compiled once per casebook; a pattern that is
 * no valid regular expression is kept aside so that privacy/custom can say so.
 */
import type { CustomPrivacyPattern } from '../types.js';

export interface CompiledPattern {
  pattern: CustomPrivacyPattern;
  regexp: RegExp;
}

export interface InvalidPattern {
  index: number;
  pattern: CustomPrivacyPattern;
  detail: string;
  /** `syntax`: no regular expression; `nested`: a repetition inside a repetition, see nestedRepetition. */
  kind: 'syntax' | 'nested';
}

export interface CompiledPatterns {
  compiled: CompiledPattern[];
  invalid: InvalidPattern[];
}

const cache = new WeakMap<readonly CustomPrivacyPattern[], CompiledPatterns>();

/**
 * Compiles with the `u` flag (so `\p{L}` works), or without it for patterns written in the
 * looser syntax (`\-` outside a class is an error with `u`).
 */
function compile(source: string): RegExp {
  try {
    return new RegExp(source, 'gu');
  } catch {
    return new RegExp(source, 'g');
  }
}

const QUANTIFIER = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/;
const GROUP_PREFIX = /^\((?:\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>))?/;

/**
 * The part of a pattern where something that repeats a variable number of times is itself
 * repeated without bound (`(a+)+`, `(\d*-)*`, `(x{2,})+`): on a line that almost matches,
 * a backtracking engine tries every way to split it, which took 47 s on 33 characters.
 * Such patterns are refused when the casebook is read; undefined when there is none.
 */
export function nestedRepetition(source: string): string | undefined {
  const groups: Array<{ start: number; varies: boolean }> = [{ start: 0, varies: false }];
  let atom: { start: number; varies: boolean } | undefined;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const quantifier = QUANTIFIER.exec(source.slice(i));
    if (quantifier && atom) {
      const [text, min, comma, max] = quantifier;
      const unbounded = text[0] === '*' || text[0] === '+' || (comma !== undefined && max === '');
      const varies = text[0] !== '?' && (min === undefined || (comma !== undefined && (max === '' || Number(max) > Number(min))));
      if (unbounded && atom.varies) return source.slice(atom.start, i + text.length);
      if (varies) groups[groups.length - 1]!.varies = true;
      atom = undefined;
      i += text.length;
    } else if (ch === '\\') {
      atom = { start: i, varies: false };
      i += 2;
    } else if (ch === '[') {
      atom = { start: i, varies: false };
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '(') {
      groups.push({ start: i, varies: false });
      atom = undefined;
      i += GROUP_PREFIX.exec(source.slice(i))![0].length;
    } else if (ch === ')' && groups.length > 1) {
      const group = groups.pop()!;
      if (group.varies) groups[groups.length - 1]!.varies = true;
      atom = group;
      i++;
    } else {
      atom = ch === '|' ? undefined : { start: i, varies: false };
      i++;
    }
  }
  return undefined;
}

export function compilePatterns(patterns: readonly CustomPrivacyPattern[]): CompiledPatterns {
  const cached = cache.get(patterns);
  if (cached) return cached;
  const result: CompiledPatterns = { compiled: [], invalid: [] };
  patterns.forEach((pattern, index) => {
    try {
      const regexp = compile(pattern.pattern);
      const nested = nestedRepetition(pattern.pattern);
      if (nested !== undefined) result.invalid.push({ index, pattern, detail: nested, kind: 'nested' });
      else result.compiled.push({ pattern, regexp });
    } catch (error) {
      result.invalid.push({ index, pattern, detail: (error as Error).message, kind: 'syntax' });
    }
  });
  cache.set(patterns, result);
  return result;
}
