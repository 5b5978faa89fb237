/**
 * A value set's signals compiled into patterns over stems, once per set. The phrase syntax
 * (documented in data/values.yaml and the README):
 *
 *   woord      the word and its inflections (Dutch stem); with a stem of 5+ letters also at
 *              the start or end of a compound (maatwerk in maatwerkvoorziening)
 *   =woord     the word and its inflections only, never inside a compound
 *   woord*     every word that begins with these letters
 *   a|b        either word (`=a|b`: the `=` holds for both)
 *   ...        up to four other words in between (within one sentence)
 *
 * A phrase of two or three plain words also matches written as one word (lange termijn in
 * langetermijneffect).
 */
import type { CoreValue } from '../types.js';
import { stem } from './stem.js';
import { hashOf, tokenize, type WordScanner } from './tokenize.js';

/** Shorter stems than this are too common to look for inside compounds. */
const COMPOUND_MIN = 5;
/** How many words `...` may skip. */
const GAP_WORDS = 4;
const GAP = /^(?:\.\.\.|…)$/;
/** A joined phrase shorter than this (`in de weg` → `indeweg`) is not a compound worth finding. */
const JOINED_MIN = 8;

type WordMode = 'compound' | 'stem' | 'prefix';

export interface WordSpec {
  mode: WordMode;
  /** Folded surface form as written in the lexicon. */
  form: string;
  stem: string;
}

export interface PatternStep {
  /** Ids (indexes into `Lexicon.words`) of the words that may stand here. */
  alternatives: number[];
  /** How many words may come between the previous step and this one. */
  gapBefore: number;
}

export interface Pattern {
  /** Index of the pattern in `Lexicon.patterns`. */
  index: number;
  /** Index of the value in the set. */
  value: number;
  /** Index of the signal within the value; the joined variant of a phrase shares it. */
  signal: number;
  weight: number;
  steps: PatternStep[];
  /** Words in the phrase as written: more words is a more specific match. */
  length: number;
  /** An exclusion: what it matches does not count as a signal of its value. */
  exclude: boolean;
}

export interface Lexicon {
  valueIds: string[];
  words: WordSpec[];
  patterns: Pattern[];
  /** Patterns by the id of a word that may start them. */
  byFirstWord: Map<number, Pattern[]>;
  /** Per value: how much more its signals count in particular fields (`effect: 1.5`). */
  fieldBoosts: Array<Readonly<Record<string, number>>>;
  /** The lexicon words each folded token form stands for; filled as texts are read. */
  tokenWords: FormTable;
  /** Word ids by stem, for whole-word matches. */
  stemIndex: Map<string, number[]>;
  /** Word ids by the form or stem a compound may start or end with (and `*` prefixes). */
  partial: PartialIndex;
  /** The words after the first of each pattern, flat (see laterSteps): the word loop asks of
   * about 500 phrase starts per case whether a phrase's later words are in the case at all,
   * and reading typed arrays there costs a fraction of walking pattern, steps and lists. */
  later: LaterSteps;
}

/**
 * Per pattern (by index) its steps after the first, as `[count, id, id, …]` per step in
 * `words[from[p] … from[p + 1])`: a pattern of one word has none.
 */
export interface LaterSteps {
  from: Int32Array;
  words: Int32Array;
}

interface PartialIndex {
  prefixForms: Map<string, number[]>;
  prefixStems: Map<string, number[]>;
  suffixForms: Map<string, number[]>;
  suffixStems: Map<string, number[]>;
  shortest: number;
}

interface Builder {
  words: WordSpec[];
  wordIds: Map<string, number>;
}

function wordId(builder: Builder, spec: WordSpec): number {
  const key = `${spec.mode}:${spec.form}:${spec.stem}`;
  let id = builder.wordIds.get(key);
  if (id === undefined) {
    id = builder.words.length;
    builder.words.push(spec);
    builder.wordIds.set(key, id);
  }
  return id;
}

function wordSpec(written: string, stemOnly: boolean): WordSpec | undefined {
  let text = written;
  let mode: WordMode = stemOnly ? 'stem' : 'compound';
  if (text.endsWith('*')) {
    mode = 'prefix';
    text = text.slice(0, -1);
  } else if (text.startsWith('=')) {
    mode = 'stem';
    text = text.slice(1);
  }
  // "collega's" or "proces-verbaal" inside an alternative: the words are joined, as the
  // tokenizer would never see them as one.
  const parts = tokenize(text);
  if (parts.forms.length === 0) return undefined;
  const form = parts.forms.join('');
  const stemmed = stem(form);
  if (mode === 'compound' && stemmed.length < COMPOUND_MIN) mode = 'stem';
  if (mode === 'prefix') return { mode, form, stem: form };
  return { mode, form, stem: stemmed };
}

/** Parses one phrase into steps; undefined when nothing in it can be matched. */
function parsePhrase(builder: Builder, phrase: string): { steps: PatternStep[]; joined?: WordSpec } | undefined {
  const steps: PatternStep[] = [];
  let gap = 0;
  const plainForms: string[] = [];
  let joinable = true;
  for (const written of phrase.trim().split(/\s+/)) {
    if (GAP.test(written)) {
      gap = GAP_WORDS;
      joinable = false;
      continue;
    }
    // `=` before the first alternative holds for all of them: `=doel|doelen`.
    const stemOnly = written.startsWith('=');
    const specs = written.split('|').filter(Boolean).map((w) => wordSpec(w, stemOnly));
    const alternatives = [...new Set(specs.filter((s): s is WordSpec => s !== undefined).map((s) => wordId(builder, s)))];
    if (alternatives.length === 0) continue;
    const only = alternatives.length === 1 ? builder.words[alternatives[0]!]! : undefined;
    if (only && only.mode !== 'prefix' && !written.startsWith('=')) plainForms.push(only.form);
    else joinable = false;
    steps.push({ alternatives, gapBefore: gap });
    gap = 0;
  }
  if (steps.length === 0) return undefined;
  const joinedForm = plainForms.join('');
  const canJoin = joinable && steps.length >= 2 && steps.length <= 3 && joinedForm.length >= JOINED_MIN;
  return canJoin ? { steps, joined: { mode: 'compound', form: joinedForm, stem: stem(joinedForm) } } : { steps };
}

function addPhrase(builder: Builder, patterns: Pattern[], value: number, signal: number, phrase: string, weight: number, exclude: boolean): void {
  const parsed = parsePhrase(builder, phrase);
  if (!parsed) return;
  const length = parsed.steps.length;
  patterns.push({ index: patterns.length, value, signal, weight, steps: parsed.steps, length, exclude });
  if (parsed.joined) {
    patterns.push({ index: patterns.length, value, signal, weight, steps: [{ alternatives: [wordId(builder, parsed.joined)], gapBefore: 0 }], length, exclude });
  }
}

/**
 * The signals of a value; a value without any falls back to its Dutch label, so that a
 * casebook's own set still gets suggestions before anyone has written signals for it.
 */
export function signalsOf(value: CoreValue): Array<{ phrase: string; weight: number }> {
  const signals = value.signals ?? [];
  if (signals.length === 0) return [{ phrase: value.label.nl, weight: 1 }];
  return signals.map((s) => ({ phrase: s.phrase, weight: s.weight ?? 1 }));
}

/** A value set's phrases compiled: the words of the phrases (each tokenized and stemmed, most
 * of the cost of compiling) and the patterns over them. */
export interface CompiledPhrases {
  words: WordSpec[];
  patterns: Pattern[];
}

export function compilePhrases(values: readonly CoreValue[]): CompiledPhrases {
  const builder: Builder = { words: [], wordIds: new Map() };
  const patterns: Pattern[] = [];
  values.forEach((value, v) => {
    const signals = signalsOf(value);
    signals.forEach((s, i) => addPhrase(builder, patterns, v, i, s.phrase, s.weight, false));
    for (const phrase of value.exclude ?? []) addPhrase(builder, patterns, v, -1, phrase, 0, true);
  });
  return { words: builder.words, patterns };
}

/**
 * Everything of a value set that compilePhrases reads, as one text: a lexicon compiled ahead
 * (lexicon-file.ts) is used only for a value set whose text is exactly this.
 */
export function phraseInputs(values: readonly CoreValue[]): string {
  return JSON.stringify(values.map((value) => [signalsOf(value).map((s) => [s.phrase, s.weight]), value.exclude ?? []]));
}

export function compileLexicon(values: readonly CoreValue[]): Lexicon {
  return lexiconOf(values, compilePhrases(values));
}

/** The lexicon of a value set from its compiled phrases: the lookups by word, stem and compound part. */
export function lexiconOf(values: readonly CoreValue[], { words, patterns }: CompiledPhrases): Lexicon {
  const byFirstWord = new Map<number, Pattern[]>();
  for (const pattern of patterns) {
    for (const id of pattern.steps[0]!.alternatives) {
      const list = byFirstWord.get(id);
      if (list) list.push(pattern);
      else byFirstWord.set(id, [pattern]);
    }
  }
  const stemIndex = new Map<string, number[]>();
  const partial: PartialIndex = { prefixForms: new Map(), prefixStems: new Map(), suffixForms: new Map(), suffixStems: new Map(), shortest: Infinity };
  const index = (map: Map<string, number[]>, key: string, id: number) => {
    const list = map.get(key);
    if (list) list.push(id);
    else map.set(key, [id]);
    partial.shortest = Math.min(partial.shortest, key.length);
  };
  words.forEach((word, id) => {
    if (word.mode === 'prefix') {
      index(partial.prefixForms, word.form, id);
      return;
    }
    const list = stemIndex.get(word.stem);
    if (list) list.push(id);
    else stemIndex.set(word.stem, [id]);
    if (word.mode === 'compound') {
      index(partial.prefixForms, word.form, id);
      index(partial.prefixStems, word.stem, id);
      index(partial.suffixForms, word.form, id);
      index(partial.suffixStems, word.stem, id);
    }
  });
  return {
    valueIds: values.map((v) => v.id),
    words,
    patterns,
    byFirstWord,
    fieldBoosts: values.map((v) => v.fields ?? {}),
    tokenWords: new FormTable(),
    stemIndex,
    partial,
    later: laterSteps(patterns),
  };
}

function laterSteps(patterns: readonly Pattern[]): LaterSteps {
  const from = new Int32Array(patterns.length + 1);
  const words: number[] = [];
  patterns.forEach((pattern, p) => {
    from[p] = words.length;
    for (const step of pattern.steps.slice(1)) words.push(step.alternatives.length, ...step.alternatives);
  });
  from[patterns.length] = words.length;
  return { from, words: Int32Array.from(words) };
}

/**
 * What may stand before a word at the end of a compound. A particle or verb prefix makes a
 * different word (mogelijk is not gelijk, vergelijken is not gelijk zijn); "on" negates but
 * keeps the subject (onzorgvuldig is about zorgvuldigheid).
 */
const NOT_A_MODIFIER = new Set([
  'aan', 'achter', 'af', 'be', 'bij', 'door', 'er', 'ge', 'her', 'in', 'mee', 'mis', 'na', 'om', 'ont', 'onder',
  'op', 'over', 'samen', 'te', 'tegen', 'terug', 'toe', 'uit', 'ver', 'voor', 'weg',
]);

function isModifier(head: string): boolean {
  return head === 'on' || (head.length >= 3 && !NOT_A_MODIFIER.has(head));
}

/**
 * The ids of the words a token matches inside a compound (or by a `*` prefix): words its
 * form or stem starts with, and words it ends with after a real modifier. Found by looking
 * up the token's own beginnings and endings, not by trying every word of the lexicon.
 */
function partialMatches(index: PartialIndex, form: string, tokenStem: string, found: Set<number>): void {
  const add = (ids: number[] | undefined) => {
    if (ids) for (const id of ids) found.add(id);
  };
  for (let length = index.shortest; length <= form.length; length++) {
    add(index.prefixForms.get(form.slice(0, length)));
    const head = form.slice(0, form.length - length);
    if (isModifier(head)) add(index.suffixForms.get(form.slice(form.length - length)));
  }
  for (let length = index.shortest; length <= tokenStem.length; length++) {
    add(index.prefixStems.get(tokenStem.slice(0, length)));
    const head = tokenStem.slice(0, tokenStem.length - length);
    if (isModifier(head)) add(index.suffixStems.get(tokenStem.slice(tokenStem.length - length)));
  }
}

/** What one token form stands for in the lexicon, computed once per form. */
export interface TokenWords {
  /** Ids of the lexicon words it matches: the first `exact` share its stem, the rest
   * matched inside a compound or by a `*` prefix. */
  ids: readonly number[];
  exact: number;
  /** The patterns (their indexes) that may start at this token, each once; `startsExact[k]`
   * is 1 when pattern `starts[k]` starts on a whole word. Typed arrays: one kind of list for
   * every token (an empty JS list is of another kind to V8 than a full one, and the phrase
   * loop was compiled again when it met the other). */
  starts: Int32Array;
  startsExact: Uint8Array;
}

export const NO_WORDS: TokenWords = { ids: [], exact: 0, starts: new Int32Array(0), startsExact: new Uint8Array(0) };
/** Enough for the vocabulary of a very large casebook; a bound so a long-lived process stays small. */
const MAX_CACHED_FORMS = 200_000;
const INITIAL_SLOTS = 1 << 12;
/** Read through the function itself, as in WordScanner (tokenize.ts says why). */
const charCodeAt = String.prototype.charCodeAt;

/** The learned model's table of stems, as far as the lexicon's table of forms needs it. */
export interface StemVocabulary {
  stems: ReadonlyMap<string, number>;
}

/**
 * Folded forms and what they stand for, by hash (open addressing). A word of a text is looked
 * up where it stands, compared character by character, without cutting it out as a string.
 * The same entry also holds what the learned model's vocabulary maps the word's stem to (its
 * key × 4 + pair flags, see Vocabulary.stems), so that a word of a case is looked up once for
 * the lexicon and the model together.
 */
export class FormTable {
  private forms: Array<string | undefined> = new Array<string | undefined>(INITIAL_SLOTS);
  private hashes = new Int32Array(INITIAL_SLOTS);
  private words: TokenWords[] = new Array<TokenWords>(INITIAL_SLOTS);
  /** Per slot: what `vocabulary` maps the form's stem to (key × 4 + pair flags), -1 when
   * nothing (or no vocabulary). Worked out when a form is added (and for every form when the
   * vocabulary changes, see useVocabulary), so that the lexicon's word loop reads it directly:
   * a call there for a form not yet asked about, even inlined, used up what V8 inlines into
   * that loop, and the form's own lookup (slotOfScanned) became a call for every word. */
  modelStems = new Int32Array(INITIAL_SLOTS).fill(-1);
  /** Per slot: the form's length + 1 (0: an empty slot), and where its code units start in
   * `pool`. A word is compared against these typed arrays: reading the form's string per
   * character (`charCodeAt`, which must handle every kind of string) cost about half of
   * the lookup's instructions (counted with callgrind). */
  private lengths = new Int32Array(INITIAL_SLOTS);
  private offsets = new Int32Array(INITIAL_SLOTS);
  private pool = new Uint16Array(8 * INITIAL_SLOTS);
  private poolSize = 0;
  private vocabulary: StemVocabulary | undefined;
  size = 0;

  /** The slot of the ASCII word `codes[start, end)` (WordScanner.codes: no string read per character), whose lower-case form hashes to `hash`; -1 when not there. */
  slotInCodes(codes: Uint16Array, start: number, end: number, hash: number): number {
    const { hashes, lengths, offsets, pool } = this;
    const mask = hashes.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = lengths[slot]!;
      if (stored === 0) return -1;
      if (hashes[slot] !== hash || stored !== length + 1) continue;
      const at = offsets[slot]! - start;
      let k = start;
      while (k < end && (codes[k]! | 32) === pool[at + k]) k++;
      if (k === end) return slot;
    }
  }

  /** The slot of a folded form; -1 when not there. */
  slotOf(form: string, hash: number): number {
    const mask = this.hashes.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const known = this.forms[slot];
      if (known === undefined) return -1;
      if (this.hashes[slot] === hash && known === form) return slot;
    }
  }

  find(form: string, hash: number): TokenWords | undefined {
    const slot = this.slotOf(form, hash);
    return slot < 0 ? undefined : this.words[slot];
  }

  /** What the form in `slot` stands for in the lexicon. */
  wordsAt(slot: number): TokenWords {
    return this.words[slot]!;
  }

  /** The folded form in `slot` (the table's own string: no new one is made). */
  formAt(slot: number): string {
    return this.forms[slot]!;
  }

  /** What the model's `vocabulary` maps the stem of the form in `slot` to (key × 4 + pair
   * flags, see Vocabulary.stems; -1: nothing), looked up once per form. */
  modelStem(slot: number, vocabulary: StemVocabulary): number {
    this.useVocabulary(vocabulary);
    return this.modelStems[slot]!;
  }

  /** Makes `modelStems` answer for `vocabulary`: every form's answer worked out again when it
   * was another's (a process that tags with one model keeps it). */
  useVocabulary(vocabulary: StemVocabulary): void {
    if (vocabulary === this.vocabulary) return;
    this.vocabulary = vocabulary;
    this.forms.forEach((form, slot) => {
      if (form !== undefined) this.modelStems[slot] = this.modelStemOf(form);
    });
  }

  private modelStemOf(form: string): number {
    return this.vocabulary ? (this.vocabulary.stems.get(stem(form)) ?? -1) : -1;
  }

  /** Adds a form; returns its slot. */
  add(form: string, hash: number, words: TokenWords): number {
    if (this.size >= MAX_CACHED_FORMS) this.resize(INITIAL_SLOTS, false);
    else if (2 * (this.size + 1) > this.hashes.length) this.resize(2 * this.hashes.length, true);
    this.size++;
    return this.place(form, hash, words, this.modelStemOf(form));
  }

  private place(form: string, hash: number, words: TokenWords, modelStem: number, offset = this.append(form)): number {
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    while (this.lengths[slot] !== 0) slot = (slot + 1) & mask;
    this.forms[slot] = form;
    this.hashes[slot] = hash;
    this.words[slot] = words;
    this.modelStems[slot] = modelStem;
    this.lengths[slot] = form.length + 1;
    this.offsets[slot] = offset;
    return slot;
  }

  /** Adds the code units of `form` to the pool; returns where they start. */
  private append(form: string): number {
    const at = this.poolSize;
    if (at + form.length > this.pool.length) {
      const larger = new Uint16Array(2 * (at + form.length));
      larger.set(this.pool.subarray(0, at));
      this.pool = larger;
    }
    for (let k = 0; k < form.length; k++) this.pool[at + k] = charCodeAt.call(form, k);
    this.poolSize = at + form.length;
    return at;
  }

  private resize(slots: number, keep: boolean): void {
    const { forms, hashes, words, modelStems, offsets } = this;
    this.forms = new Array<string | undefined>(slots);
    this.hashes = new Int32Array(slots);
    this.words = new Array<TokenWords>(slots);
    this.modelStems = new Int32Array(slots).fill(-1);
    this.lengths = new Int32Array(slots);
    this.offsets = new Int32Array(slots);
    if (!keep) {
      this.size = 0;
      this.poolSize = 0;
      return;
    }
    forms.forEach((form, slot) => {
      if (form !== undefined) this.place(form, hashes[slot]!, words[slot]!, modelStems[slot]!, offsets[slot]!);
    });
  }
}

/**
 * A table's rarer turns taken once at load, on a table of its own: a lookup that walks past a
 * taken slot, and a table and pool that grow (their arrays replaced). The first time a case
 * took one of these, the optimised word loop went back to the interpreter and was compiled
 * again (node --trace-deopt at 10,000 cases: after the first collision, and when the table first
 * grew, as V8 had taken its arrays for constants).
 */
function warmUpFormTable(): void {
  const table = new FormTable();
  const codes = new Uint16Array(16);
  for (let i = 0; i < 2100; i++) table.add(`${i}`.padStart(16, 'w'), 3 * i, NO_WORDS);
  for (let i = 0; i < 16; i++) codes[i] = 119;
  // Hash 0 is taken by another form (no match after a comparison), 3 by one of another length.
  for (let i = 0; i < 20; i++) table.slotInCodes(codes, 0, 16, 3 * (i % 2));
}
warmUpFormTable();

function computeWords(lexicon: Lexicon, form: string): TokenWords {
  const tokenStem = stem(form);
  const exact = lexicon.stemIndex.get(tokenStem) ?? [];
  const inCompound = new Set<number>();
  partialMatches(lexicon.partial, form, tokenStem, inCompound);
  const ids = [...exact, ...[...inCompound].filter((id) => !exact.includes(id)).sort((a, b) => a - b)];
  const starts = new Map<Pattern, boolean>();
  ids.forEach((id, k) => {
    for (const pattern of lexicon.byFirstWord.get(id) ?? []) starts.set(pattern, (starts.get(pattern) ?? false) || k < exact.length);
  });
  if (ids.length === 0) return NO_WORDS;
  return { ids, exact: exact.length, starts: Int32Array.from(starts.keys(), (pattern) => pattern.index), startsExact: Uint8Array.from(starts.values(), Number) };
}

/** The slot of a folded form in the lexicon's table of forms, added (and computed) on first sight. */
function slotOfForm(lexicon: Lexicon, form: string): number {
  const hash = hashOf(form);
  const slot = lexicon.tokenWords.slotOf(form, hash);
  return slot >= 0 ? slot : lexicon.tokenWords.add(form, hash, computeWords(lexicon, form));
}

/** What a folded form stands for in the lexicon, computed once per form. */
export function wordsOfToken(lexicon: Lexicon, form: string): TokenWords {
  return lexicon.tokenWords.wordsAt(slotOfForm(lexicon, form));
}

/** The slot of the scanner's current word in the lexicon's table of forms (see FormTable). */
export function slotOfScanned(lexicon: Lexicon, scanner: WordScanner): number {
  if (scanner.ascii) {
    const slot = lexicon.tokenWords.slotInCodes(scanner.codes, scanner.start, scanner.end, scanner.hash);
    if (slot >= 0) return slot;
  }
  return slotOfForm(lexicon, scanner.form());
}

/** What the scanner's current word stands for in the lexicon. */
export function wordsOfScanned(lexicon: Lexicon, scanner: WordScanner): TokenWords {
  return lexicon.tokenWords.wordsAt(slotOfScanned(lexicon, scanner));
}
