/**
 * Dutch stems, so that inflections meet: gesprek and gesprekken, zorgvuldig and
 * zorgvuldigheid. This is the Snowball Dutch stemmer (the original algorithm, as in the
 * snowball-stemmers package), written out over a character array: the generated code of
 * the package takes tens of microseconds per word before the engine has warmed up, and a
 * lexicon and a casebook's vocabulary are thousands of words. Snowball does not touch verb
 * prefixes (geleerd stays geleerd); the lexicon lists such forms itself. Stems are cached:
 * texts repeat the same words.
 */

const cache = new Map<string, string>();
const MAX_CACHED = 50_000;

/** The stem of a folded, lower-case word. */
export function stem(form: string): string {
  let result = cache.get(form);
  if (result === undefined) {
    result = snowballDutch(form);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(form, result);
  }
  return result;
}

const ACCENTS: Readonly<Record<string, string>> = { á: 'a', ä: 'a', é: 'e', ë: 'e', í: 'i', ï: 'i', ó: 'o', ö: 'o', ú: 'u', ü: 'u' };

/** Snowball's `v`: the vowels, with è; upper-case I and Y (marked consonants) are not. */
const isVowel = (ch: string | undefined) => ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u' || ch === 'y' || ch === 'è';

/** The Snowball Dutch algorithm; `w` is the word as characters, shortened from the end. */
export function snowballDutch(word: string): string {
  const w = word.split('').map((ch) => ACCENTS[ch] ?? ch);
  // Prelude: an initial y, a y after a vowel and an i between vowels are consonants.
  if (w[0] === 'y') w[0] = 'Y';
  for (let p = 0; p + 1 < w.length; p++) {
    if (!isVowel(w[p])) continue;
    if (w[p + 1] === 'i' && isVowel(w[p + 2])) w[p + 1] = 'I';
    else if (w[p + 1] === 'y') w[p + 1] = 'Y';
  }
  // R1 starts after the first non-vowel that follows a vowel (but not before position 3),
  // R2 likewise after R1.
  let p1 = w.length;
  let p2 = w.length;
  const afterVowelAndConsonant = (from: number): number => {
    let i = from;
    while (i < w.length && !isVowel(w[i])) i++;
    if (i >= w.length) return -1;
    i++;
    while (i < w.length && isVowel(w[i])) i++;
    return i >= w.length ? -1 : i + 1;
  };
  const r1 = afterVowelAndConsonant(0);
  if (r1 >= 0) {
    p1 = Math.max(r1, 3);
    const r2 = afterVowelAndConsonant(r1);
    if (r2 >= 0) p2 = r2;
  }
  const endsWith = (suffix: string, at = w.length) => {
    if (at < suffix.length) return false;
    for (let k = 1; k <= suffix.length; k++) if (w[at - k] !== suffix[suffix.length - k]) return false;
    return true;
  };
  const cut = (from: number) => {
    w.length = from;
  };
  const undouble = () => {
    if (endsWith('dd') || endsWith('kk') || endsWith('tt')) cut(w.length - 1);
  };
  /** `en` or `ene` at `start`: deleted in R1 after a non-vowel that does not end `gem`. */
  const enEnding = (start: number) => {
    if (start < p1 || start === 0 || isVowel(w[start - 1]) || endsWith('gem', start)) return;
    cut(start);
    undouble();
  };
  let eFound = false;
  const eEnding = () => {
    eFound = false;
    const start = w.length - 1;
    if (w[start] !== 'e' || start < p1 || start === 0 || isVowel(w[start - 1])) return;
    cut(start);
    eFound = true;
    undouble();
  };

  // Step 1: the longest of heden, ene, en, se, s.
  if (endsWith('heden')) {
    if (w.length - 5 >= p1) w.splice(w.length - 5, 5, 'h', 'e', 'i', 'd');
  } else if (endsWith('ene')) {
    enEnding(w.length - 3);
  } else if (endsWith('en')) {
    enEnding(w.length - 2);
  } else if (endsWith('se') || endsWith('s')) {
    const start = w.length - (endsWith('se') ? 2 : 1);
    const before = w[start - 1];
    if (start >= p1 && start > 0 && !isVowel(before) && before !== 'j') cut(start);
  }
  // Step 2: e.
  eEnding();
  // Step 3a: heid, then the en before it.
  if (endsWith('heid') && w.length - 4 >= p2 && w[w.length - 5] !== 'c') {
    cut(w.length - 4);
    if (endsWith('en')) enEnding(w.length - 2);
  }
  // Step 3b: the longest of end, ing, ig, lijk, baar, bar, in R2.
  const d = ['lijk', 'baar', 'end', 'ing', 'bar', 'ig'].find((suffix) => endsWith(suffix));
  const dStart = d ? w.length - d.length : -1;
  if (d && dStart >= p2) {
    if (d === 'end' || d === 'ing') {
      cut(dStart);
      if (endsWith('ig') && w.length - 2 >= p2 && w[w.length - 3] !== 'e') cut(w.length - 2);
      else undouble();
    } else if (d === 'ig') {
      if (w[dStart - 1] !== 'e') cut(dStart);
    } else if (d === 'lijk') {
      cut(dStart);
      eEnding();
    } else if (d === 'baar' || eFound) {
      cut(dStart);
    }
  }
  // Step 4: a double vowel between non-vowels loses one (maan → man, brood → brod).
  const n = w.length;
  const double = w[n - 2] === w[n - 3] && (w[n - 2] === 'a' || w[n - 2] === 'e' || w[n - 2] === 'o' || w[n - 2] === 'u');
  if (n >= 4 && double && !isVowel(w[n - 1]) && w[n - 1] !== 'I' && !isVowel(w[n - 4])) w.splice(n - 2, 1);
  // Postlude.
  return w.map((ch) => (ch === 'I' ? 'i' : ch === 'Y' ? 'y' : ch)).join('');
}
