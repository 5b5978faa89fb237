/**
 * Words with their place in the text. Every word is lower-cased and accent-folded
 * (geëvalueerd → geevalueerd, één → een) so that a lexicon written with or without accents
 * matches either way. Nothing is thrown away: "niet", "geen" and "gelijk" carry meaning in
 * a dilemma, so there is no stop-word list.
 */

/**
 * The words of one text, as parallel arrays (a text has hundreds of words and a casebook
 * thousands of texts: one object per word would keep the garbage collector busy).
 */
export interface Tokens {
  /** Lower-case, accent-folded form of each word. */
  forms: string[];
  /** Offsets of each word in the text it came from: `[start, end)`. */
  starts: number[];
  ends: number[];
  /** Sentence number of each word, from 0; a phrase never spans two sentences. */
  sentences: number[];
}

// A word is a run of letters, digits and combining marks. Hyphens split words, so
// "Wmo-ondersteuning" gives "wmo" and "ondersteuning", and "lange-termijneffect" gives "lange"
// and "termijneffect".
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const NON_ASCII = /[^\u0000-\u007f]/;
const MARKS = /\p{M}/gu;

const folded = new Map<string, string>();
const MAX_CACHED = 50_000;

/** `Geëvalueerd` → `geevalueerd`. Cached: a casebook repeats the same words many times. */
export function fold(word: string): string {
  let form = folded.get(word);
  if (form === undefined) {
    form = NON_ASCII.test(word) ? word.normalize('NFKD').replace(MARKS, '').toLowerCase() : word.toLowerCase();
    if (folded.size >= MAX_CACHED) folded.clear();
    folded.set(word, form);
  }
  return form;
}

const isSpace = (code: number) => code === 32 || code === 10 || code === 13 || code === 9;

/** Whether the text between two words ends a sentence: `. `, `? `, `! ` or a blank line. */
function endsSentence(text: string, from: number, to: number): boolean {
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      if (++newlines >= 2) return true;
    } else if ((code === 46 || code === 33 || code === 63) && i + 1 < text.length && isSpace(text.charCodeAt(i + 1))) {
      return true;
    } else if (!isSpace(code)) {
      newlines = 0;
    }
  }
  return false;
}

/** Which of the first 0x250 code points (Latin, with its accents) are word characters: a table
 * lookup per character instead of a regular expression. */
const LATIN_END = 0x250;
const LATIN_WORD = Uint8Array.from({ length: LATIN_END }, (_, code) => (WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0));

function isWordChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < LATIN_END ? LATIN_WORD[code] === 1 : WORD_CHAR.test(text[i]!);
}

export function tokenize(text: string): Tokens {
  const tokens: Tokens = { forms: [], starts: [], ends: [], sentences: [] };
  // Lower-casing the whole text at once is much cheaper than per word; only words with
  // accents need folding. (Lower-casing keeps the length for every letter Dutch uses.)
  const lower = text.toLowerCase();
  const sameLength = lower.length === text.length;
  let sentence = 0;
  let previousEnd = 0;
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    while (i < text.length && isWordChar(text, i)) {
      if (text.charCodeAt(i) >= 128) ascii = false;
      i++;
    }
    const end = i;
    const count = tokens.forms.length;
    // "auto's", "risico's": the apostrophe-s belongs to the word before it and is dropped,
    // so that "risico's nemen" is the phrase "risico nemen".
    if (count > 0 && end - start === 1 && start === previousEnd + 1 && (lower[start] === 's') && (text[previousEnd] === "'" || text[previousEnd] === '’')) {
      previousEnd = end;
      continue;
    }
    if (count > 0 && endsSentence(text, previousEnd, start)) sentence++;
    const raw = sameLength ? lower.slice(start, end) : text.slice(start, end);
    tokens.forms.push(ascii && sameLength ? raw : fold(raw));
    tokens.starts.push(start);
    tokens.ends.push(end);
    tokens.sentences.push(sentence);
    previousEnd = end;
  }
  return tokens;
}
