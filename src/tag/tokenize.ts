/**
 * Words with their place in the text. Every word is lower-cased and accent-folded
 * (geëvalueerd → geevalueerd, één → een) so that a lexicon written with or without accents
 * matches either way. Nothing is thrown away: "niet", "geen" and "gelijk" carry meaning in
 * a dilemma, so there is no stop-word list.
 */

/** The words of one text, as parallel arrays (for short texts, such as the lexicon's phrases;
 * the tagger walks a case's texts with a `WordScanner`). */
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

/**
 * `charCodeAt.call(text, i)` instead of `text.charCodeAt(i)` in the loops over a case's texts:
 * those texts come in many string representations (flat, sliced, joined; one or two bytes per
 * character), so the property lookup `text.charCodeAt` sees more kinds than V8 keeps apart and
 * became a slow generic lookup per character (about a sixth of tagging's instructions, counted
 * with callgrind). Called through the function itself, V8 reads the character directly. Not
 * exported: an imported binding is read from a cell, which V8 does not treat as a constant.
 */
const charCodeAt = String.prototype.charCodeAt;

const isSpace = (code: number) => code === 32 || code === 10 || code === 13 || code === 9;

/** Which of the first 0x250 code points (Latin, with its accents) are word characters: a table
 * lookup per character instead of a regular expression. */
const LATIN_END = 0x250;
const LATIN_WORD = Uint8Array.from({ length: LATIN_END }, (_, code) => (WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0));

function isWordChar(text: string, i: number): boolean {
  const code = charCodeAt.call(text, i);
  return code < LATIN_END ? LATIN_WORD[code] === 1 : WORD_CHAR.test(text[i]!);
}

/** The next step of the hash of a folded form (see `hashOf`). */
const hashStep = (hash: number, code: number) => (Math.imul(hash, 31) + code) | 0;

/** A hash of a folded form: the same number the scanner computes for the word in the text. */
export function hashOf(form: string): number {
  let hash = 0;
  for (let i = 0; i < form.length; i++) hash = hashStep(hash, form.charCodeAt(i));
  return hash;
}

/**
 * Walks the words of a text one at a time without building anything: a casebook has
 * millions of words, and cutting each out as a string would keep the garbage collector busy.
 * After `next()` the fields describe the current word; for a word in plain ASCII, `hash` is
 * the hash of its lower-case form, computed on the way.
 */
export class WordScanner {
  text = '';
  /** Offsets of the word in the text: `[start, end)`. */
  start = 0;
  end = 0;
  /** Sentence number of the word, from 0; a phrase never spans two sentences. */
  sentence = 0;
  ascii = true;
  hash = 0;
  private at = 0;
  private count = 0;

  reset(text: string): this {
    this.text = text;
    this.start = this.end = this.sentence = this.at = this.count = this.hash = 0;
    this.ascii = true;
    return this;
  }

  next(): boolean {
    const text = this.text;
    const length = text.length;
    let i = this.at;
    // Whether the text between the previous word and this one ends a sentence: `. `, `? `,
    // `! ` or a blank line. Found while skipping it, so no character is looked at twice.
    let boundary = false;
    let newlines = 0;
    for (;;) {
      while (i < length) {
        const code = charCodeAt.call(text, i);
        if (code < LATIN_END ? LATIN_WORD[code] === 1 : WORD_CHAR.test(text[i]!)) break;
        if (code === 10) {
          if (++newlines >= 2) boundary = true;
        } else if ((code === 46 || code === 33 || code === 63) && i + 1 < length && isSpace(charCodeAt.call(text, i + 1))) {
          boundary = true;
        } else if (!isSpace(code)) {
          newlines = 0;
        }
        i++;
      }
      if (i >= length) {
        this.at = i;
        return false;
      }
      const start = i;
      let hash = 0;
      let ascii = true;
      while (i < length) {
        const code = charCodeAt.call(text, i);
        if (code < 128) {
          if (LATIN_WORD[code] !== 1) break;
          // Letters and digits only: setting bit 5 lower-cases A-Z and leaves the rest.
          hash = hashStep(hash, code | 32);
        } else {
          if (!isWordChar(text, i)) break;
          ascii = false;
        }
        i++;
      }
      const previousEnd = this.end;
      // "auto's", "risico's": the apostrophe-s belongs to the word before it and is dropped,
      // so that "risico's nemen" is the phrase "risico nemen".
      if (this.count > 0 && i - start === 1 && start === previousEnd + 1 && (charCodeAt.call(text, start) | 32) === 115 && (text[previousEnd] === "'" || text[previousEnd] === '’')) {
        this.end = i;
        boundary = false;
        newlines = 0;
        continue;
      }
      if (this.count > 0 && boundary) this.sentence++;
      this.start = start;
      this.end = i;
      this.ascii = ascii;
      this.hash = hash;
      this.at = i;
      this.count++;
      return true;
    }
  }

  /** The folded form of the current word (a new string: only for words not seen before). */
  form(): string {
    const raw = this.text.slice(this.start, this.end);
    return this.ascii ? raw.toLowerCase() : fold(raw);
  }
}

export function tokenize(text: string): Tokens {
  const tokens: Tokens = { forms: [], starts: [], ends: [], sentences: [] };
  const scanner = new WordScanner().reset(text);
  while (scanner.next()) {
    tokens.forms.push(scanner.form());
    tokens.starts.push(scanner.start);
    tokens.ends.push(scanner.end);
    tokens.sentences.push(scanner.sentence);
  }
  return tokens;
}
