/**
 * The built-in templates as plain JavaScript (made by scripts/fast-templates.mjs when the
 * package is built): the same text as Handlebars' own precompiled code, without the runtime's
 * work around every `{{x}}` and `{{#if}}` (a lookupProperty call, an options object, a program
 * wrapper, a wrapped helper), which was about a sixth of an HTML build of 1,000 cases. A
 * template is laid out this way only when it and every partial it calls, down to the last, are
 * the built-in ones with their text unchanged; anything else (a casebook's own template or
 * partial) goes through Handlebars as before. tests/unit/render-fast-templates.test.ts compares
 * both ways.
 */
import type Handlebars from 'handlebars';

/** A template laid out from its context and Handlebars' data frame (`@root`, `@last`, ...). */
export type FastMain = (context: unknown, data: unknown) => string;

/** What the generated code calls: Handlebars' own semantics of looking up, escaping and the block helpers. */
export interface FastRuntime {
  get(parent: unknown, name: string): unknown;
  and(parent: unknown, name: string): unknown;
  lambda(value: unknown, context: unknown): unknown;
  escape(value: unknown): string;
  text(value: unknown): unknown;
  falsy(context: unknown, value: unknown): boolean;
  /** `{{name}}`: escape(lambda(get(context, name), context)) in one call. */
  shown(context: unknown, name: string): string;
  /** `{{{name}}}`: text(lambda(get(context, name), context)). */
  raw(context: unknown, name: string): unknown;
  /** `{{#if name}}`'s test: falsy(context, get(context, name)). */
  lacks(context: unknown, name: string): boolean;
  fn(program: FastMain, data: unknown): (context: unknown, options?: { data?: unknown }) => string;
  noop(): string;
  helpers: Record<string, (...args: unknown[]) => unknown>;
  partial(name: string, context: unknown, data: unknown): string;
}

/** A built-in template's plain-JavaScript form, as scripts/compile-templates.mjs writes it. */
export interface FastEntry {
  fast: ((rt: FastRuntime) => FastMain) | null;
  partials: string[];
  spec: { useData?: boolean };
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Handlebars' lookupProperty for the names the generated code may hold (scripts/fast-templates.mjs
 * leaves a template with `constructor`, `__proto__` and the like to Handlebars): an own property,
 * or nothing (prototype properties are refused, as allowProtoPropertiesByDefault: false does).
 */
function own(parent: unknown, name: string): unknown {
  const result = (parent as Record<string, unknown>)[name];
  if (result == null) return result;
  return hasOwn.call(parent, name) ? result : undefined;
}

type BlockOptions = { data?: unknown; fn: (context: unknown, options?: { data?: unknown }) => string; inverse: (context: unknown) => string };

/**
 * Handlebars' `each` helper, step for step, for an array: one data frame for the list, its key,
 * index, first and last set before each item, holes skipped, the inverse for a list without
 * items. Without what the generated code never reads and Handlebars made for every item (the
 * block parameters, a context path string, an options object around them): that was about 6%
 * of laying out a 1,000-case book. Anything else (a function, an object, a Map, an iterable)
 * goes to Handlebars' own helper.
 */
function arrayEach(hb: typeof Handlebars): (this: unknown, context: unknown, options: BlockOptions) => unknown {
  const each = hb.helpers.each as (this: unknown, context: unknown, options: BlockOptions) => unknown;
  return function (this: unknown, context, options) {
    if (!Array.isArray(context)) return each.call(this, context, options);
    const data = options.data ? (hb.createFrame(options.data) as Record<string, unknown>) : undefined;
    let out = '';
    let i = 0;
    for (const length = context.length; i < length; i++) {
      if (!(i in context)) continue;
      if (data) {
        data.key = i;
        data.index = i;
        data.first = i === 0;
        data.last = i === context.length - 1;
      }
      out = out + options.fn(context[i], { data });
    }
    return i === 0 ? options.inverse(this) : out;
  };
}

/** A value as `{{x}}` shows it: a function is called with the context. */
const called = (value: unknown, context: unknown): unknown => (typeof value === 'function' ? (value as (this: unknown) => unknown).call(context) : value);
/** The `if` helper without includeZero: false, 0, '', null, undefined, NaN and [] are false. */
const isFalsy = (shown: unknown): boolean => !shown || (Array.isArray(shown) && shown.length === 0);
/** `{{{x}}}`: null and undefined show nothing. */
const text = (value: unknown): unknown => (value != null ? value : '');

function runtime(hb: typeof Handlebars, partials: Record<string, FastMain>): FastRuntime {
  const get = (parent: unknown, name: string): unknown => (parent != null ? own(parent, name) : parent);
  // `shown`, `raw` and `lacks` are the generated code's most common steps in one call each
  // (`{{name}}`, `{{{name}}}`, `{{#if name}}`): less code to run and to optimise per template.
  return {
    shown: (context, name) => hb.escapeExpression(called(get(context, name), context) as string),
    raw: (context, name) => text(called(get(context, name), context)),
    lacks: (context, name) => isFalsy(called(get(context, name), context)),
    get,
    and: (parent, name) => parent && own(parent, name),
    lambda: called,
    escape: (value) => hb.escapeExpression(value as string),
    text,
    falsy: (context, value) => isFalsy(called(value, context)),
    fn: (program, data) => (context, options) => program(context, options?.data || data),
    noop: () => '',
    // The helpers are all registered by now (compileTemplates): our own, Handlebars' with an array's `each` in plain JavaScript.
    helpers: { ...hb.helpers, each: arrayEach(hb) } as unknown as FastRuntime['helpers'],
    partial: (name, context, data) => partials[name]!(context, data),
  };
}

/**
 * The fast form of each usable template, by file name (`page.hbs`, `partials/case.hbs`), and the
 * table of partials the generated code calls (a caller may put its own function under a name,
 * as renderPieces does for the case). `isBuiltIn(name)`: the file's text is the built-in one.
 */
export function fastTemplates(hb: typeof Handlebars, entries: Record<string, FastEntry>, isBuiltIn: (name: string) => boolean): { mains: Map<string, FastMain>; partials: Record<string, FastMain> } {
  const partials: Record<string, FastMain> = {};
  const rt = runtime(hb, partials);
  const mains = new Map<string, FastMain>();
  const usable = new Map<string, boolean>();
  const check = (name: string): boolean => {
    const known = usable.get(name);
    if (known !== undefined) return known;
    usable.set(name, false); // a partial that calls itself is left to Handlebars
    const entry = entries[name];
    const ok = Boolean(entry?.fast) && isBuiltIn(name) && entry!.partials.every((partial) => check(`partials/${partial}.hbs`));
    usable.set(name, ok);
    return ok;
  };
  for (const name of Object.keys(entries)) {
    if (!check(name)) continue;
    const main = entries[name]!.fast!(rt);
    mains.set(name, main);
    if (name.startsWith('partials/')) partials[name.slice('partials/'.length, -'.hbs'.length)] = main;
  }
  return { mains, partials };
}

/** The data frame Handlebars starts a top-level call with (initData), or none when the template uses no data. */
export function topData(entry: FastEntry, context: unknown): unknown {
  return entry.spec.useData ? { root: context } : undefined;
}
