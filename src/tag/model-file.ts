/**
 * The learned model as a file. Format 2, written by `npm run train:tagger` (the built-in
 * data/tagger-model.json) and `casebook tag --learn` (a team's .casebook/tagger.json), is laid
 * out to load without a compile step: the stems once, space-separated; each feature as the
 * ids of its one or two stems; the weights as whole thousandths in one little-endian block;
 * the blocks in base64. Loading it reads a few strings and views the blocks as typed arrays
 * (every `casebook tag` loads it, in each of its threads: the JSON of format 1, 75,000
 * numbers in nested lists, cost more to load and compile than the model's work on a thousand
 * cases). Format 1, the plain form (TaggerModelData), is still read: a team model written
 * before. Either file is untrusted input: every length and id is checked before use.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, packageRoot } from '../paths.js';
import { featureStrings, featureTable, PairTable, type FeatureTable, type Vocabulary } from './features.js';
import { compileModel, evidenceWeightsOf, MAX_FEATURES, modelOf, parseModel, validHead, WEIGHT_SCALE, type TaggerModel, type TaggerModelData } from './model.js';

/** The model as stored in format 2. */
export interface StoredModel extends Omit<TaggerModelData, 'format' | 'features' | 'weights'> {
  format: 2;
  /** The stems of the features (`gelijk`), by id, separated by single spaces. */
  stems: string;
  /** Per feature the ids of its first and second stem (-1: a single word), as little-endian
   * 32-bit integers `[first, second]` in base64. */
  features: string;
  /** 2 or 4: the bytes of each weight (2 when every weight fits). */
  weightBytes: 2 | 4;
  /** The weights feature-major (`[f × values + v]`), in thousandths, as little-endian signed
   * integers of `weightBytes` bytes in base64. */
  weights: string;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes as integers of `size` bytes (little-endian): a view where the platform allows, else a copy. */
function integers(bytes: Buffer, size: 2 | 4): Int16Array | Int32Array {
  const count = bytes.byteLength / size;
  if (LITTLE_ENDIAN && bytes.byteOffset % size === 0) return size === 2 ? new Int16Array(bytes.buffer, bytes.byteOffset, count) : new Int32Array(bytes.buffer, bytes.byteOffset, count);
  const copy = size === 2 ? new Int16Array(count) : new Int32Array(count);
  for (let k = 0; k < count; k++) copy[k] = size === 2 ? bytes.readInt16LE(2 * k) : bytes.readInt32LE(4 * k);
  return copy;
}

function base64Of(values: ArrayLike<number>, size: 2 | 4): string {
  const bytes = Buffer.alloc(values.length * size);
  for (let k = 0; k < values.length; k++) {
    if (size === 2) bytes.writeInt16LE(values[k]!, 2 * k);
    else bytes.writeInt32LE(values[k]!, 4 * k);
  }
  return bytes.toString('base64');
}

/** Standard base64, nothing else (Node's decoder skips what it does not know). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of standard base64 text of at most `maxBytes` bytes, or undefined (checked before decoding). */
function base64Bytes(text: unknown, maxBytes: number): Buffer | undefined {
  if (typeof text !== 'string' || text.length > 4 * Math.ceil(maxBytes / 3) || !BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

const fitsIn16 = (w: number) => w >= -32768 && w <= 32767;

/** A trained model (its plain form, whole-thousandth weights) as stored in format 2. */
export function storedModel(data: TaggerModelData): StoredModel {
  const { format: _format, features, weights, ...head } = data;
  const table = featureTable(features);
  const n = data.valueIds.length;
  const flat = new Array<number>(features.length * n);
  weights.forEach((list, v) =>
    list.forEach((w, f) => {
      if (!Number.isInteger(w)) throw new Error(`model weight ${w} is not in whole thousandths`);
      flat[f * n + v] = w;
    }),
  );
  const weightBytes = flat.every(fitsIn16) ? 2 : 4;
  const pairs = new Array<number>(2 * features.length);
  table.firsts.forEach((first, f) => {
    pairs[2 * f] = first;
    pairs[2 * f + 1] = table.seconds[f]!;
  });
  return { format: 2, valueIds: head.valueIds, stems: table.stems.join(' '), features: base64Of(pairs, 4), fieldWeights: head.fieldWeights, blend: head.blend, bias: head.bias, lexiconWeights: head.lexiconWeights, weightBytes, weights: base64Of(flat, weightBytes), training: head.training };
}

/** The stems of a format 2 file, or undefined when they are not distinct words without white space. */
function storedStems(stems: unknown): string[] | undefined {
  if (typeof stems !== 'string') return undefined;
  // Split no further than one past the bound: no string is made of the rest.
  const list = stems === '' ? [] : stems.split(' ', 2 * MAX_FEATURES + 1);
  if (list.length > 2 * MAX_FEATURES || !list.every((s) => s !== '' && !/\s/.test(s))) return undefined;
  return new Set(list).size === list.length ? list : undefined;
}

/** The feature table of a format 2 file, or undefined when a length or an id is out of bounds. */
function storedTable(stems: string[], features: unknown): FeatureTable | undefined {
  const bytes = base64Bytes(features, 8 * MAX_FEATURES);
  if (!bytes || bytes.byteLength % 8 !== 0) return undefined;
  const pairs = integers(bytes, 4);
  const count = pairs.length / 2;
  const firsts = new Int32Array(count);
  const seconds = new Int32Array(count);
  return splitPairs(pairs, stems.length, firsts, seconds) ? { stems, firsts, seconds } : undefined;
}

/** Each feature's `[first, second]` stem ids into `firsts` and `seconds`; false when an id is out of bounds (see scaled: a function of its own). */
function splitPairs(pairs: Int16Array | Int32Array, stemCount: number, firsts: Int32Array, seconds: Int32Array): boolean {
  for (let f = 0; f < firsts.length; f++) {
    const first = pairs[2 * f]!;
    const second = pairs[2 * f + 1]!;
    if (first < 0 || first >= stemCount || second < -1 || second >= stemCount) return false;
    firsts[f] = first;
    seconds[f] = second;
  }
  return true;
}

/** The whole-thousandth weights of a format 2 file, or undefined when they are not `count` of them. */
function storedWeights(stored: Partial<StoredModel>, count: number): Int16Array | Int32Array | undefined {
  const { weights, weightBytes } = stored;
  if (weightBytes !== 2 && weightBytes !== 4) return undefined;
  const bytes = base64Bytes(weights, count * weightBytes);
  return bytes && bytes.byteLength === count * weightBytes ? integers(bytes, weightBytes) : undefined;
}

/** The weights of whole thousandths. A function of its own, as the loops of stored tables are:
 * a long loop is compiled while it runs (on-stack replacement), and in a larger function the
 * code after it, not yet run, had no type feedback, undid that compiled code and ran on in the
 * interpreter (node --trace-deopt). */
function scaled(thousandths: Int16Array | Int32Array): Float32Array {
  const weights = new Float32Array(thousandths.length);
  for (let k = 0; k < weights.length; k++) weights[k] = thousandths[k]! / WEIGHT_SCALE;
  return weights;
}

/** The model of a file's JSON (format 2, or 1), or undefined when it is not one (a model file is untrusted input). */
export function readModel(json: unknown, source: string): TaggerModel | undefined {
  const stored = json as Partial<StoredModel> | null;
  if (!stored || typeof stored !== 'object') return undefined;
  if ((stored as { format?: unknown }).format === 1) {
    const data = parseModel(json);
    return data && compileModel(data, source);
  }
  if (stored.format !== 2 || !validHead(stored)) return undefined;
  const stems = storedStems(stored.stems);
  const table = stems && storedTable(stems, stored.features);
  const n = stored.valueIds!.length;
  const thousandths = table && storedWeights(stored, table.firsts.length * n);
  if (!table || !thousandths) return undefined;
  const weights = scaled(thousandths);
  const { valueIds, fieldWeights, blend, training, bias, lexiconWeights } = stored as StoredModel;
  const plain = (): TaggerModelData => ({
    format: 1, valueIds, features: featureStrings(table), fieldWeights, blend, bias, lexiconWeights,
    weights: valueIds.map((_, v) => Array.from(table.firsts, (__, f) => thousandths[f * n + v]!)),
    training,
  });
  return modelOf({ valueIds, fieldWeights, blend, training, bias, lexiconWeights, features: table, weights }, source, plain);
}

let builtIn: TaggerModel | null | undefined;

/** The built-in model (data/tagger-model.json), for the built-in value set; null without one. */
export function builtInModel(): TaggerModel | null {
  if (builtIn === undefined) {
    try {
      const text = readFileSync(modelFile(), 'utf8');
      builtIn = readPrecompiledModel(text, readFileSync(wordsFile(), 'utf8')) ?? readModel(JSON.parse(text), 'built-in') ?? null;
    } catch {
      builtIn = null;
    }
  }
  return builtIn;
}

/**
 * The built-in model, compiled at build time (scripts/compile-model.mjs, part of `npm run
 * build:ts`) to dist/tag/tagger-model.precompiled.bin: what loading data/tagger-model.json
 * works out at every start (the weights scaled, the feature table, the vocabulary and its pair
 * table, every feature's evidence weight), as blocks of little-endian numbers that load as
 * typed arrays, with no loop over the model. Those loops, over 75,000 weights and 7,500
 * features, ran interpreted and were each compiled while they ran (on-stack replacement),
 * and the evidence weights needed data/tagger-words.yaml read and stemmed: about 0.1 G
 * instructions at every start of `tag` (counted with callgrind). Used only
 *
 * - when data/tagger-model.json and data/tagger-words.yaml are the ones compiled (their
 *   SHA-256 in the file's first line): a retrained model is read as before until the next build;
 * - while the file is at least as new as the modules whose code decides what is compiled;
 * - on a little-endian machine, when every block is where the first line says.
 *
 * Anything else, and the model is loaded from data/tagger-model.json as before: the same
 * model either way (tag-model.test.ts compares both).
 */
export const PRECOMPILED_MODEL = path.join(packageRoot, 'dist', 'tag', 'tagger-model.precompiled.bin');
const here = fileURLToPath(import.meta.url);
/** The modules whose code decides what is compiled: the vocabulary, the evidence weights, the stems. */
export const MODEL_COMPILER: readonly string[] = ['features', 'model', 'model-file', 'stem', 'tokenize'].map((name) => path.join(path.dirname(here), `${name}${path.extname(here)}`));
const PRECOMPILED_FORMAT = 1;
const BLOCKS = ['weights', 'firsts', 'seconds', 'pairFirsts', 'pairSeconds', 'pairFeatures', 'evidenceWeights'] as const;
type Block = (typeof BLOCKS)[number];

interface PrecompiledHead extends Omit<StoredModel, 'format' | 'features' | 'weightBytes' | 'weights'> {
  format: typeof PRECOMPILED_FORMAT;
  /** SHA-256 of data/tagger-model.json and data/tagger-words.yaml, as compiled. */
  model: string;
  words: string;
  /** The vocabulary's stems and what each maps to (Vocabulary.stems), in its order. */
  vocabulary: Array<[string, number]>;
  /** Per block: where it starts in the file (a multiple of 8) and how many numbers it holds. */
  blocks: Record<Block, [number, number]>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const modelFile = () => path.join(dataDir, 'tagger-model.json');
const wordsFile = () => path.join(dataDir, 'tagger-words.yaml');

/** The bytes of dist/tag/tagger-model.precompiled.bin for the model in `modelText` (data/tagger-model.json) and `wordsText` (data/tagger-words.yaml). */
export function precompiledModel(modelText: string, wordsText: string): Buffer {
  const model = readModel(JSON.parse(modelText), 'built-in');
  if (!model) throw new Error('data/tagger-model.json is not a model');
  const { vocabulary } = model.reader;
  const { stems, firsts, seconds } = vocabulary.table;
  const stored = JSON.parse(modelText) as StoredModel;
  const arrays: Record<Block, Float32Array | Int32Array | Float64Array> = {
    weights: model.weights,
    firsts,
    seconds,
    pairFirsts: vocabulary.bigrams.firsts,
    pairSeconds: vocabulary.bigrams.seconds,
    pairFeatures: vocabulary.bigrams.features,
    evidenceWeights: evidenceWeightsOf(model),
  };
  const blocks = {} as PrecompiledHead['blocks'];
  let size = 0;
  for (const block of BLOCKS) {
    blocks[block] = [size, arrays[block].length];
    size += Math.ceil(arrays[block].byteLength / 8) * 8;
  }
  const head: PrecompiledHead = {
    format: PRECOMPILED_FORMAT, model: sha256(modelText), words: sha256(wordsText),
    valueIds: stored.valueIds, stems: stems.join(' '), fieldWeights: stored.fieldWeights, blend: stored.blend, bias: stored.bias, lexiconWeights: stored.lexiconWeights, training: stored.training,
    vocabulary: [...vocabulary.stems], blocks,
  };
  // The blocks start at a multiple of 8 after the first line, so that each is viewed in place.
  const line = Buffer.from(`${JSON.stringify(head)}\n`, 'utf8');
  const start = Math.ceil(line.length / 8) * 8;
  const bytes = Buffer.alloc(start + size, 0x20);
  line.copy(bytes);
  bytes.fill(0, start);
  for (const block of BLOCKS) {
    const array = arrays[block];
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(bytes, start + blocks[block][0]);
  }
  return bytes;
}

const BLOCK_TYPES = { weights: Float32Array, firsts: Int32Array, seconds: Int32Array, pairFirsts: Int32Array, pairSeconds: Int32Array, pairFeatures: Int32Array, evidenceWeights: Float64Array } as const;

/** The blocks of a precompiled file, viewed in place; undefined when one is not inside it. */
function precompiledBlocks(bytes: Buffer, start: number, blocks: unknown): { [B in Block]: InstanceType<(typeof BLOCK_TYPES)[B]> } | undefined {
  if (!blocks || typeof blocks !== 'object') return undefined;
  const views: Partial<Record<Block, Float32Array | Int32Array | Float64Array>> = {};
  for (const block of BLOCKS) {
    const entry: unknown = (blocks as Record<string, unknown>)[block];
    if (!Array.isArray(entry) || !Number.isSafeInteger(entry[0]) || !Number.isSafeInteger(entry[1])) return undefined;
    const Type = BLOCK_TYPES[block];
    const offset = bytes.byteOffset + start + (entry[0] as number);
    const count = entry[1] as number;
    if (offset % 8 !== 0 || count < 0 || start + (entry[0] as number) + count * Type.BYTES_PER_ELEMENT > bytes.byteLength) return undefined;
    views[block] = new Type(bytes.buffer as ArrayBuffer, offset, count);
  }
  return views as { [B in Block]: InstanceType<(typeof BLOCK_TYPES)[B]> };
}

/**
 * The built-in model from the build's copy, when it was compiled from exactly `modelText` and
 * `wordsText` by the current code (`compiler`: the modules it must be at least as new as); else
 * undefined. `plain` gives the model's plain form (read from data/tagger-model.json) when asked.
 */
export function readPrecompiledModel(modelText: string, wordsText: string, file: string = PRECOMPILED_MODEL, compiler: readonly string[] = MODEL_COMPILER): TaggerModel | undefined {
  try {
    if (!LITTLE_ENDIAN) return undefined;
    const written = statSync(file).mtimeMs;
    if (compiler.some((module) => statSync(module).mtimeMs > written)) return undefined;
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(10);
    if (newline < 0) return undefined;
    const head = JSON.parse(bytes.toString('utf8', 0, newline)) as Partial<PrecompiledHead>;
    if (head.format !== PRECOMPILED_FORMAT || head.model !== sha256(modelText) || head.words !== sha256(wordsText)) return undefined;
    const blocks = precompiledBlocks(bytes, Math.ceil((newline + 1) / 8) * 8, head.blocks);
    const { valueIds, fieldWeights, blend, training, bias, lexiconWeights, stems, vocabulary } = head as PrecompiledHead;
    if (!blocks || !Array.isArray(vocabulary) || typeof stems !== 'string') return undefined;
    const table: FeatureTable = { stems: stems === '' ? [] : stems.split(' '), firsts: blocks.firsts, seconds: blocks.seconds };
    const bigrams = new PairTable(0, { firsts: blocks.pairFirsts, seconds: blocks.pairSeconds, features: blocks.pairFeatures });
    const features = table.firsts.length;
    const built: Vocabulary = { featureCount: features, stems: new Map(vocabulary), bigrams, table };
    const plain = () => readModel(JSON.parse(modelText), 'built-in')!.data;
    return modelOf({ valueIds, fieldWeights, blend, training, bias, lexiconWeights, features: table, weights: blocks.weights, vocabulary: built, evidenceWeights: blocks.evidenceWeights }, 'built-in', plain);
  } catch {
    // Not built (running from the sources before a build), or not readable: read as before.
    return undefined;
  }
}
