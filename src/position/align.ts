/**
 * The one alignment of a scalar's parsed value with its source. The value is what rules and
 * the tagger read; the source is what a person sees: a block scalar drops its header and
 * indentation, a folded one turns line breaks into spaces, quoted ones have escapes ('' ,
 * \", \u00e9, an escaped line break) and line folding. Both node trees (the yaml Document and
 * the quick path's tree) use it.
 */

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
const isBreak = (ch: string | undefined): boolean => ch === '\n' || ch === '\r';

/**
 * Source length of the escape at `raw[at]` (a backslash) in a double-quoted scalar, and how
 * many UTF-16 units of the value it stands for: none for an escaped line break, which joins
 * the lines and takes the next line's indentation with it.
 */
function escapeAt(raw: string, at: number): { length: number; units: number } {
  const kind = raw[at + 1];
  if (isBreak(kind)) {
    let end = at + 1;
    if (raw[end] === '\r' && raw[end + 1] === '\n') end++;
    end++;
    while (raw[end] === ' ' || raw[end] === '\t') end++;
    return { length: end - at, units: 0 };
  }
  const hex = kind === 'x' ? 2 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
  if (hex === 0) return { length: 2, units: 1 };
  const code = Number.parseInt(raw.slice(at + 2, at + 2 + hex), 16);
  return { length: 2 + hex, units: Number.isFinite(code) && code > 0xffff ? 2 : 1 };
}

/** The style of a scalar, read from the first character of its source (as yaml names it). */
export function styleOf(raw: string): string {
  switch (raw[0]) {
    case '|':
      return 'BLOCK_LITERAL';
    case '>':
      return 'BLOCK_FOLDED';
    case '"':
      return 'QUOTE_DOUBLE';
    case "'":
      return 'QUOTE_SINGLE';
    default:
      return 'PLAIN';
  }
}

/** Where the content of a scalar's source begins: after a block header line or an opening quote. */
function contentStart(raw: string, type: string | undefined): number {
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') return raw.indexOf('\n') + 1;
  return type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' ? 1 : 0;
}

export interface Alignment {
  /** For each UTF-16 unit of the value, where it starts in the source. */
  starts: Int32Array;
  /** And where it ends (an escape or a doubled quote is longer than one character). */
  ends: Int32Array;
  /** Where the source goes on after the aligned part. */
  next: number;
}

/**
 * For each UTF-16 unit of a scalar's parsed `value` (up to `limit`), where it starts and ends
 * in the scalar's `raw` source; `type` is the scalar's style as yaml names it (read from the
 * source when not given). Undefined when
 * the two cannot be aligned (then the caller falls back to a plain search).
 */
export function alignScalar(raw: string, value: string, type: string | undefined = styleOf(raw), limit = value.length): Alignment | undefined {
  const count = Math.min(limit, value.length);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let j = contentStart(raw, type);
  if (j === 0 && (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED')) return value === '' ? { starts, ends, next: 0 } : undefined;
  const double = type === 'QUOTE_DOUBLE';
  const single = type === 'QUOTE_SINGLE';
  let i = 0;
  const take = (length: number) => {
    starts[i] = j;
    ends[i] = j + length;
    i++;
    j += length;
  };
  while (i < count) {
    if (j >= raw.length) return undefined;
    const v = value[i];
    const s = raw[j];
    if (double && s === '\\') {
      const { length, units } = escapeAt(raw, j);
      for (let k = 0; k < units && i < count; k++, i++) {
        starts[i] = j;
        ends[i] = j + length;
      }
      j += length;
    } else if (single && v === "'" && s === "'" && raw[j + 1] === "'") {
      take(2);
    } else if (v === s || (isSpace(v) && isBreak(s)) || (v === ' ' && s === '\t')) {
      // Equal, or a line break folded into a space (or kept as one).
      take(1);
    } else if (isSpace(s)) {
      // Indentation, or the extra white space of a folded line break.
      j++;
    } else {
      return undefined;
    }
  }
  return { starts, ends, next: j };
}
