/**
 * The learned model's sums over a case's features, in WebAssembly (SIMD, two values per
 * instruction). Per value `v` the sum is `out[v] + Σ_k x_k × w[id_k × n + v]`, its terms added in
 * the order of the features (k = 0, 1, …), each product and sum rounded to a double as
 * JavaScript rounds them: a weight is a 32-bit float widened exactly, WebAssembly neither fuses
 * a multiply with an add nor reorders, so every sum is the same to the bit as modelProbabilities'
 * plain loop (tag-model.test.ts compares both). In JavaScript each weight read is an array read
 * with its own checks (map, bounds, overflow: about 14 instructions a feature and value, the
 * largest part of the model's work per case after reading the words, counted with callgrind);
 * here the weights, the case's vector and the sums share one memory, so the reader fills the
 * vector where this reads it, and nothing is copied per case.
 *
 * The module is a few hundred bytes, assembled here from named instructions (no build step,
 * no binary file). Where WebAssembly or its SIMD is missing, `logitSums` returns undefined and
 * the model sums in JavaScript.
 */

/** One function, `sums(n, count, ids, xs, w, out)`: byte offsets into the memory it imports. */
const enum Op {
  block = 0x02,
  loop = 0x03,
  if = 0x04,
  end = 0x0b,
  br = 0x0c,
  brIf = 0x0d,
  localGet = 0x20,
  localSet = 0x21,
  localTee = 0x22,
  i32Load = 0x28,
  f32Load = 0x2a,
  f64Load = 0x2b,
  f64Store = 0x39,
  i32Const = 0x41,
  i32LtU = 0x49,
  i32GtU = 0x4b,
  i32GeU = 0x4f,
  i32Add = 0x6a,
  i32Mul = 0x6c,
  i32Shl = 0x74,
  f64Add = 0xa0,
  f64Mul = 0xa2,
  f64PromoteF32 = 0xbb,
  simd = 0xfd,
}

/** SIMD instructions (after Op.simd, as LEB128). */
const Simd = {
  load: [0x00],
  store: [0x0b],
  f64x2Splat: [0x14],
  load64Zero: [0x5d],
  f64x2PromoteLowF32x4: [0x5f],
  f64x2Add: [0xf0, 0x01],
  f64x2Mul: [0xf2, 0x01],
} as const;

const EMPTY_BLOCK = 0x40;
const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

// Parameters and locals, by index.
const N = 0;
const COUNT = 1;
const IDS = 2;
const XS = 3;
const W = 4;
const OUT = 5;
const V = 6;
const P = 7;
const Q = 8;
const END = 9;
const ROW = 10;
const X = 11;
const A0 = 12; // A0..A3: four accumulators of two values each
const S = 16;

const leb = (value: number): number[] => {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>>= 7;
    if (value === 0) return [...bytes, byte];
    bytes.push(byte | 0x80);
  }
};
const sleb = (value: number): number[] => {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...bytes, byte];
    bytes.push(byte | 0x80);
  }
};
const get = (local: number) => [Op.localGet, local];
const set = (local: number) => [Op.localSet, local];
const i32 = (value: number) => [Op.i32Const, ...sleb(value)];
const simd = (op: readonly number[], memarg?: [align: number, offset: number]) => [Op.simd, ...op, ...(memarg ? [memarg[0], ...leb(memarg[1])] : [])];
/** `local += amount` (i32). */
const advance = (local: number, amount: number) => [...get(local), ...i32(amount), Op.i32Add, ...set(local)];
/** `out + 8 v`: the first of the sums being added to. */
const sumsAt = () => [...get(OUT), ...get(V), ...i32(3), Op.i32Shl, Op.i32Add];

/**
 * For every feature (p over the ids, q over the values): `row` = the address of weight
 * `ids[k] × n + v`, then `body` adds the feature's terms. A loop over the case's features.
 */
function eachFeature(body: number[], splat: boolean): number[] {
  return [
    ...get(IDS), ...set(P),
    ...get(XS), ...set(Q),
    Op.block, EMPTY_BLOCK,
    Op.loop, EMPTY_BLOCK,
    ...get(P), ...get(END), Op.i32GeU, Op.brIf, 1,
    ...get(W), ...get(P), Op.i32Load, 2, 0, ...get(N), Op.i32Mul, ...get(V), Op.i32Add, ...i32(2), Op.i32Shl, Op.i32Add, ...set(ROW),
    ...(splat ? [...get(Q), Op.f64Load, 3, 0, ...simd(Simd.f64x2Splat), ...set(X)] : []),
    ...body,
    ...advance(P, 4),
    ...advance(Q, 8),
    Op.br, 0,
    Op.end,
    Op.end,
  ];
}

/** `a += x × (the two weights at row + offset)`, two values at once. */
const addPair = (accumulator: number, offset: number) => [
  ...get(accumulator),
  ...get(X),
  ...get(ROW), ...simd(Simd.load64Zero, [3, offset]), ...simd(Simd.f64x2PromoteLowF32x4),
  ...simd(Simd.f64x2Mul),
  ...simd(Simd.f64x2Add),
  ...set(accumulator),
];

/** While `v + width <= n`: the sums of values v … v + width − 1 over all features, then v += width. */
function valuesAtATime(width: number): number[] {
  const accumulators = Array.from({ length: width / 2 }, (_, k) => A0 + k);
  return [
    Op.block, EMPTY_BLOCK,
    Op.loop, EMPTY_BLOCK,
    ...get(V), ...i32(width), Op.i32Add, ...get(N), Op.i32GtU, Op.brIf, 1,
    ...accumulators.flatMap((a, k) => [...sumsAt(), ...simd(Simd.load, [4, 16 * k]), ...set(a)]),
    ...eachFeature(accumulators.flatMap((a, k) => addPair(a, 8 * k)), true),
    ...accumulators.flatMap((a, k) => [...sumsAt(), ...get(a), ...simd(Simd.store, [4, 16 * k])]),
    ...advance(V, width),
    Op.br, 0,
    Op.end,
    Op.end,
  ];
}

/** The last value of an odd count, one at a time. */
const lastValue = (): number[] => [
  ...get(V), ...get(N), Op.i32LtU,
  Op.if, EMPTY_BLOCK,
  ...sumsAt(), Op.f64Load, 3, 0, ...set(S),
  ...eachFeature([...get(S), ...get(Q), Op.f64Load, 3, 0, ...get(ROW), Op.f32Load, 2, 0, Op.f64PromoteF32, Op.f64Mul, Op.f64Add, ...set(S)], false),
  ...sumsAt(), ...get(S), Op.f64Store, 3, 0,
  Op.end,
];

function sumsBody(): number[] {
  const locals = [
    [4, I32], // v, p, q, end
    [1, I32], // row
    [5, V128], // x, a0..a3
    [1, F64], // s
  ];
  const code = [
    ...get(IDS), ...get(COUNT), ...i32(2), Op.i32Shl, Op.i32Add, ...set(END),
    ...i32(0), ...set(V),
    ...valuesAtATime(8),
    ...valuesAtATime(2),
    ...lastValue(),
    Op.end,
  ];
  const body = [...leb(locals.length), ...locals.flat(), ...code];
  return [...leb(body.length), ...body];
}

const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const name = (text: string) => [...leb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];

/** The module's bytes: imports `tag.memory`, exports `sums`. */
export function logitSumsModule(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 6, I32, I32, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...name('tag'), ...name('memory'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('sums'), 0x00, 0]),
    ...section(10, [1, ...sumsBody()]),
  ]);
}

/** The model's weights, a case's vector and the sums, in one WebAssembly memory. */
export interface LogitSums {
  /** Feature weights, feature-major (`[f × values + v]`). */
  readonly weights: Float32Array;
  /** The vector's feature ids and values (FeatureReader fills them). */
  readonly ids: Int32Array;
  readonly values: Float64Array;
  /** Per value: set to the sum's start, `add(count)` adds the first `count` features' terms. */
  readonly sums: Float64Array;
  add(count: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once; null where WebAssembly or its SIMD is not there. */
function sumsModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(logitSumsModule());
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const PAGE = 65536;
const aligned = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Room for a model of `features` features and `values` values, or undefined (no WebAssembly SIMD). */
export function logitSums(features: number, values: number): LogitSums | undefined {
  const module = sumsModule();
  if (!module) return undefined;
  const sumsAt = 0;
  const idsAt = sumsAt + aligned(8 * values);
  const valuesAt = idsAt + aligned(4 * features);
  const weightsAt = valuesAt + aligned(8 * features);
  const size = weightsAt + aligned(4 * features * values);
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(size / PAGE)) });
  const instance = new WebAssembly.Instance(module, { tag: { memory } });
  const run = instance.exports.sums as (n: number, count: number, ids: number, xs: number, w: number, out: number) => void;
  const buffer = memory.buffer;
  return {
    weights: new Float32Array(buffer, weightsAt, features * values),
    ids: new Int32Array(buffer, idsAt, features),
    values: new Float64Array(buffer, valuesAt, features),
    sums: new Float64Array(buffer, sumsAt, values),
    add: (count: number) => run(values, count, idsAt, valuesAt, weightsAt, sumsAt),
  };
}
