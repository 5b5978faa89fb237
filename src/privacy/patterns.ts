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

export function compilePatterns(patterns: readonly CustomPrivacyPattern[]): CompiledPatterns {
  const cached = cache.get(patterns);
  if (cached) return cached;
  const result: CompiledPatterns = { compiled: [], invalid: [] };
  patterns.forEach((pattern, index) => {
    try {
      result.compiled.push({ pattern, regexp: compile(pattern.pattern) });
    } catch (error) {
      result.invalid.push({ index, pattern, detail: (error as Error).message });
    }
  });
  cache.set(patterns, result);
  return result;
}
