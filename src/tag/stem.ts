/**
 * Dutch stems, so that inflections meet: gesprek and gesprekken, zorgvuldig and
 * zorgvuldigheid. This is the Snowball Dutch stemmer (the original algorithm, as in the
 * snowball-stemmers package), written out over a character array: the generated code of
 * the package takes tens of microseconds per word before the engine has warmed up, and a
 * lexicon and a casebook's vocabulary are thousands of words. Snowball does not touch verb
 * prefixes (geleerd stays geleerd); the lexicon lists such forms itself. Stems are cached:
 * texts repeat the same words.
 */
import { boundedMemo } from '../util/memo.js';

/** The stem of a folded, lower-case word. */
export const stem: (form: string) => string = boundedMemo((form) => snowballDutch(form), 50_000);

const ACCENTS: Readonly<Record<string, string>> = { á: 'a', ä: 'a', é: 'e', ë: 'e', í: 'i', ï: 'i', ó: 'o', ö: 'o', ú: 'u', ü: 'u' };

/** Snowball's `v`: the vowels, with è; upper-case I and Y (marked consonants) are not. */
const isVowel = (ch: string | undefined) => ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u' || ch === 'y' || ch === 'è';

/** The Snowball Dutch algorithm. */
export function snowballDutch(word: string): string {
  const w = new SnowballWord(word);
  w.step1();
  w.eEnding(); // step 2
  w.step3a();
  w.step3b();
  w.step4();
  return w.postlude();
}

/** A word in the algorithm: `w` is its characters, shortened from the end; R1 and R2 as positions. */
class SnowballWord {
  private readonly w: string[];
  private readonly p1: number;
  private readonly p2: number;
  /** Step 2 removed an e (step 3b's `bar` needs it). */
  private eFound = false;

  constructor(word: string) {
    const w = word.split('').map((ch) => ACCENTS[ch] ?? ch);
    // Prelude: an initial y, a y after a vowel and an i between vowels are consonants.
    if (w[0] === 'y') w[0] = 'Y';
    for (let p = 0; p + 1 < w.length; p++) {
      if (!isVowel(w[p])) continue;
      if (w[p + 1] === 'i' && isVowel(w[p + 2])) w[p + 1] = 'I';
      else if (w[p + 1] === 'y') w[p + 1] = 'Y';
    }
    this.w = w;
    // R1 starts after the first non-vowel that follows a vowel (but not before position 3),
    // R2 likewise after R1.
    const r1 = this.afterVowelAndConsonant(0);
    const r2 = r1 >= 0 ? this.afterVowelAndConsonant(r1) : -1;
    this.p1 = r1 >= 0 ? Math.max(r1, 3) : w.length;
    this.p2 = r2 >= 0 ? r2 : w.length;
  }

  private afterVowelAndConsonant(from: number): number {
    const { w } = this;
    let i = from;
    while (i < w.length && !isVowel(w[i])) i++;
    if (i >= w.length) return -1;
    i++;
    while (i < w.length && isVowel(w[i])) i++;
    return i >= w.length ? -1 : i + 1;
  }

  private endsWith(suffix: string, at = this.w.length): boolean {
    if (at < suffix.length) return false;
    for (let k = 1; k <= suffix.length; k++) if (this.w[at - k] !== suffix[suffix.length - k]) return false;
    return true;
  }

  private cut(from: number): void {
    this.w.length = from;
  }

  private undouble(): void {
    if (this.endsWith('dd') || this.endsWith('kk') || this.endsWith('tt')) this.cut(this.w.length - 1);
  }

  /** `en` or `ene` at `start`: deleted in R1 after a non-vowel that does not end `gem`. */
  private enEnding(start: number): void {
    if (start < this.p1 || start === 0 || isVowel(this.w[start - 1]) || this.endsWith('gem', start)) return;
    this.cut(start);
    this.undouble();
  }

  /** A final e in R1 after a non-vowel (step 2, and after `lijk` in step 3b). */
  eEnding(): void {
    this.eFound = false;
    const start = this.w.length - 1;
    if (this.w[start] !== 'e' || start < this.p1 || start === 0 || isVowel(this.w[start - 1])) return;
    this.cut(start);
    this.eFound = true;
    this.undouble();
  }

  /** The longest of heden, ene, en, se, s. */
  step1(): void {
    const { w } = this;
    if (this.endsWith('heden')) {
      if (w.length - 5 >= this.p1) w.splice(w.length - 5, 5, 'h', 'e', 'i', 'd');
    } else if (this.endsWith('ene')) {
      this.enEnding(w.length - 3);
    } else if (this.endsWith('en')) {
      this.enEnding(w.length - 2);
    } else if (this.endsWith('se') || this.endsWith('s')) {
      const start = w.length - (this.endsWith('se') ? 2 : 1);
      const before = w[start - 1];
      if (start >= this.p1 && start > 0 && !isVowel(before) && before !== 'j') this.cut(start);
    }
  }

  /** heid in R2 (not after c), then the en before it. */
  step3a(): void {
    const { w } = this;
    if (!this.endsWith('heid') || w.length - 4 < this.p2 || w[w.length - 5] === 'c') return;
    this.cut(w.length - 4);
    if (this.endsWith('en')) this.enEnding(w.length - 2);
  }

  /** The longest of end, ing, ig, lijk, baar, bar, in R2. */
  step3b(): void {
    const { w, p2 } = this;
    const d = ['lijk', 'baar', 'end', 'ing', 'bar', 'ig'].find((suffix) => this.endsWith(suffix));
    const dStart = d ? w.length - d.length : -1;
    if (!d || dStart < p2) return;
    if (d === 'end' || d === 'ing') {
      this.cut(dStart);
      if (this.endsWith('ig') && w.length - 2 >= p2 && w[w.length - 3] !== 'e') this.cut(w.length - 2);
      else this.undouble();
    } else if (d === 'ig') {
      if (w[dStart - 1] !== 'e') this.cut(dStart);
    } else if (d === 'lijk') {
      this.cut(dStart);
      this.eEnding();
    } else if (d === 'baar' || this.eFound) {
      this.cut(dStart);
    }
  }

  /** A double vowel between non-vowels loses one (maan → man, brood → brod). */
  step4(): void {
    const { w } = this;
    const n = w.length;
    const double = w[n - 2] === w[n - 3] && (w[n - 2] === 'a' || w[n - 2] === 'e' || w[n - 2] === 'o' || w[n - 2] === 'u');
    if (n >= 4 && double && !isVowel(w[n - 1]) && w[n - 1] !== 'I' && !isVowel(w[n - 4])) w.splice(n - 2, 1);
  }

  postlude(): string {
    return this.w.map((ch) => (ch === 'I' ? 'i' : ch === 'Y' ? 'y' : ch)).join('');
  }
}
