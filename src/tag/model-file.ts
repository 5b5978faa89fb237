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
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../paths.js';
import { featureStrings, featureTable, type FeatureTable } from './features.js';
import { compileModel, MAX_FEATURES, modelOf, parseModel, validHead, WEIGHT_SCALE, type TaggerModel, type TaggerModelData } from './model.js';

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
      builtIn = readModel(JSON.parse(readFileSync(path.join(dataDir, 'tagger-model.json'), 'utf8')), 'built-in') ?? null;
    } catch {
      builtIn = null;
    }
  }
  return builtIn;
}
