/**
 * Words with their place in the text. Every word is lower-cased and accent-folded
 * (geëvalueerd → geevalueerd, één → een) so that a lexicon written with or without accents
 * matches either way. Nothing is thrown away: "niet", "geen" and "gelijk" carry meaning in
 * a dilemma, so there is no stop-word list.
 */
import { Buffer } from 'node:buffer';
import { endianness } from 'node:os';

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
 * The scanner reads a text's UTF-16 code units from a typed array, copied in once per text by
 * Buffer's native UTF-16 writer, instead of `charCodeAt` per character: a case's texts come in
 * many string representations (flat, sliced, joined; one or two bytes per character), and each
 * `charCodeAt` walked that representation again (about a third of the scanner's instructions,
 * counted with callgrind). `charCodeAt.call` is kept where a string is read directly: the
 * property lookup `text.charCodeAt` sees more kinds of string than V8 keeps apart and became a
 * slow generic lookup. Not exported: an imported binding is read from a cell, which V8 does
 * not treat as a constant.
 */
const charCodeAt = String.prototype.charCodeAt;
/** Buffer writes UTF-16 little-endian; a Uint16Array reads in the machine's order. */
const LITTLE_ENDIAN = endianness() === 'LE';

const isSpace = (code: number) => code === 32 || code === 10 || code === 13 || code === 9;

/** Which code units below 0x3000 (Latin with its accents, Greek, Cyrillic, the general
 * punctuation) are word characters: a table lookup per character instead of a regular
 * expression. A code unit is tested alone, as `text[i]` was (a surrogate is no word character). */
const TABLE_END = 0x3000;
const WORD_TABLE = Uint8Array.from({ length: TABLE_END }, (_, code) => (WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0));

function isWordCode(code: number): boolean {
  return code < TABLE_END ? WORD_TABLE[code] === 1 : WORD_CHAR.test(String.fromCharCode(code));
}

/** The next step of the hash of a folded form (see `hashOf`). */
const hashStep = (hash: number, code: number) => (Math.imul(hash, 31) + code) | 0;

/** A hash of a folded form: the same number the scanner computes for the word in the text. */
export function hashOf(form: string): number {
  let hash = 0;
  for (let i = 0; i < form.length; i++) hash = hashStep(hash, form.charCodeAt(i));
  return hash;
}

/** The code units of `text` in `codes` (large enough), as `charCodeAt` gives them. */
function writeCodes(text: string, bytes: Buffer, codes: Uint16Array): void {
  if (LITTLE_ENDIAN) bytes.write(text, 0, 'utf16le');
  else for (let i = 0; i < text.length; i++) codes[i] = charCodeAt.call(text, i);
}

/**
 * Walks the words of a text one at a time without building anything: a casebook has
 * millions of words, and cutting each out as a string would keep the garbage collector busy.
 * After `next()` the fields describe the current word; for a word in plain ASCII, `hash` is
 * the hash of its lower-case form, computed on the way. `codes` holds the text's code units
 * (its first `text.length`), valid until the next `reset`.
 */
export class WordScanner {
  text = '';
  codes = new Uint16Array(0);
  /** Offsets of the word in the text: `[start, end)`. */
  start = 0;
  end = 0;
  /** Sentence number of the word, from 0; a phrase never spans two sentences. */
  sentence = 0;
  ascii = true;
  hash = 0;
  private at = 0;
  private count = 0;
  private bytes = Buffer.alloc(0);

  reset(text: string): this {
    if (this.codes.length < text.length) {
      // Room to grow: a scanner is reused for every text of every case.
      this.bytes = Buffer.allocUnsafeSlow(4 * text.length + 256);
      this.codes = new Uint16Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length >> 1);
    }
    writeCodes(text, this.bytes, this.codes);
    this.text = text;
    this.start = this.end = this.sentence = this.at = this.count = this.hash = 0;
    this.ascii = true;
    return this;
  }

  next(): boolean {
    const codes = this.codes;
    const length = this.text.length;
    let i = this.at;
    // Whether the text between the previous word and this one ends a sentence: `. `, `? `,
    // `! ` or a blank line. Found while skipping it, so no character is looked at twice.
    let boundary = false;
    let newlines = 0;
    for (;;) {
      while (i < length) {
        const code = codes[i]!;
        if (code < TABLE_END ? WORD_TABLE[code] === 1 : isWordCode(code)) break;
        if (code === 10) {
          if (++newlines >= 2) boundary = true;
        } else if ((code === 46 || code === 33 || code === 63) && i + 1 < length && isSpace(codes[i + 1]!)) {
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
        const code = codes[i]!;
        if (code < 128) {
          if (WORD_TABLE[code] !== 1) break;
          // Letters and digits only: setting bit 5 lower-cases A-Z and leaves the rest.
          hash = hashStep(hash, code | 32);
        } else {
          if (!isWordCode(code)) break;
          ascii = false;
        }
        i++;
      }
      const previousEnd = this.end;
      // "auto's", "risico's": the apostrophe-s belongs to the word before it and is dropped,
      // so that "risico's nemen" is the phrase "risico nemen".
      if (this.count > 0 && i - start === 1 && start === previousEnd + 1 && (codes[start]! | 32) === 115 && (codes[previousEnd] === 39 || codes[previousEnd] === 0x2019)) {
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

/** One scanner for every call of tokenize (which never calls itself): a new one per call made
 * a buffer per word of a lexicon's phrases (8% of compiling the built-in set at run time). */
const tokenizer = new WordScanner();

export function tokenize(text: string): Tokens {
  const tokens: Tokens = { forms: [], starts: [], ends: [], sentences: [] };
  const scanner = tokenizer.reset(text);
  while (scanner.next()) {
    tokens.forms.push(scanner.form());
    tokens.starts.push(scanner.start);
    tokens.ends.push(scanner.end);
    tokens.sentences.push(scanner.sentence);
  }
  return tokens;
}

/**
 * Every turn of the word loop taken once while it is still interpreted: an apostrophe-s, a
 * letter outside ASCII (and one outside the table), a sentence's end, a blank line. A turn the
 * optimised code has never seen sends it back to the interpreter when a case first takes it,
 * and the tagger's word loop, which has `next` inlined, with it: at 10,000 cases both were
 * compiled four times (node --trace-deopt), twice on such a turn.
 */
function warmUp(): void {
  // Three times: V8 keeps no record of the turns taken before a function's first few calls.
  const scanner = new WordScanner().reset("De cliënt's auto's, risico’s? Ja! Nee.\n\nWmo-zorg 日本 ÉÉN x.y ".repeat(3));
  while (scanner.next()) scanner.form();
}
warmUp();
