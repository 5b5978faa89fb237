/**
 * The templates that lay out the casebook: Handlebars files in the package's templates/
 * folder (page.hbs, partials/*.hbs, style.css, script.js). A casebook's own `templates:`
 * folder replaces any of them by file name, as mdBook themes do; a partial may also be put
 * at the top of that folder (case.hbs instead of partials/case.hbs). Each build uses its own
 * Handlebars instance, so helpers and partials never leak between builds.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { t } from '../i18n/index.js';
import { isInsideReal, ReadRefused, readRegularFile } from '../load/contain.js';
import { startOfFile } from '../position/index.js';
import { makeMessage } from '../message.js';
import { packageRoot, templatesDir } from '../paths.js';
import type { Casebook, Lang, Message } from '../types.js';
import type { BookView } from './view.js';
import { configMessage } from './source-message.js';
import { fastTemplates, topData, type FastEntry, type FastMain } from './fast-templates.js';
import { typesetTitle } from './typography.js';

export interface Templates {
  /** Lays out the whole page; throws TemplateRenderError when a template fails at run time. */
  render(view: BookView): string;
  /** Lays out one case as a handout (handout.hbs; the view has `handout.case`). */
  renderHandout(view: BookView): string;
  /**
   * The same page in pieces, each case laid out only when its piece is asked for, so that a
   * 10,000-case book (70 MB of HTML) is never one string in memory. Joined, the pieces are
   * exactly `render(view)`.
   */
  renderPieces(view: BookView): Iterable<string>;
  css: string;
  script: string;
  /** The templates laid out as plain JavaScript (fast-templates.ts), by file name; the others go through Handlebars. */
  plain: readonly string[];
  /** Each template's file, by its name relative to the templates folder (`partials/case.hbs`). */
  files: Record<string, string>;
}

export interface TemplatesResult {
  templates?: Templates;
  messages: Message[];
}

export class TemplateRenderError extends Error {}

/** A template is a few kilobytes; a stylesheet with fonts inlined may be a few megabytes. */
const MAX_TEMPLATE_BYTES = 8 * 1024 * 1024;

const list = (folder: string, ext: string) =>
  existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(ext)).sort() : [];

/** Every built-in template by relative name: page.hbs, partials/<name>.hbs, style.css, script.js. */
export function builtInTemplateNames(dir = templatesDir): string[] {
  return [
    ...list(dir, '.hbs'),
    ...list(path.join(dir, 'partials'), '.hbs').map((name) => `partials/${name}`),
    'style.css',
    'script.js',
  ];
}

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  // A title as displayed: typographic quotes, soft hyphens in very long words (never for ids or attributes).
  hb.registerHelper('typeset', (text: unknown, options: Handlebars.HelperOptions) => {
    const root = options.data?.root as BookView | undefined;
    return typeof text === 'string' ? typesetTitle(text, root?.lang ?? 'nl') : '';
  });
  // A case's values in two groups: those with a reason (a list beside them) and those without (one line).
  const hasReason = (v: unknown) => typeof (v as { why?: unknown })?.why === 'string';
  hb.registerHelper('withReason', (values: unknown) => (Array.isArray(values) ? values.filter(hasReason) : []));
  hb.registerHelper('withoutReason', (values: unknown) => (Array.isArray(values) ? values.filter((v) => !hasReason(v)) : []));
  // In the PDF, a placeholder that the PDF stage fills with the page number of `anchor`;
  // an optional label ("p.") is shown before the number by the stylesheet.
  hb.registerHelper('pageref', (...args: unknown[]) => {
    const options = args.pop() as Handlebars.HelperOptions;
    const [anchor, label] = args;
    const root = options.data?.root as (BookView & { handout?: unknown }) | undefined;
    // A handout is one case: the book's pages are not there to refer to.
    if (root?.format !== 'pdf' || root.handout !== undefined || typeof anchor !== 'string') return '';
    const labelAttribute = typeof label === 'string' ? ` data-label="${hb.escapeExpression(label)}"` : '';
    return new hb.SafeString(`<span class="pageref" data-pageref="${hb.escapeExpression(anchor)}"${labelAttribute}></span>`);
  });
}

/** The template files to use: the built-in ones, each replaced by the casebook's own where it has one. */
function templateFiles(casebook: Casebook, lang: Lang, messages: Message[]): { files: Record<string, string>; ownFolder?: string } | undefined {
  const files: Record<string, string> = {};
  for (const name of builtInTemplateNames()) files[name] = path.join(templatesDir, name);
  if (casebook.config.templates === undefined) return { files };
  const folder = path.resolve(casebook.config.root, casebook.config.templates);
  // A folder named with --templates is the person's own choice; one from casebook.yaml stays inside.
  if (!casebook.config.templatesNamed && !isInsideReal(casebook.config.root, folder)) {
    messages.push(configMessage(casebook, '/templates', 'load/outside-casebook', 'error', t(lang, 'load.settingOutside', { setting: 'templates', value: casebook.config.templates })));
    return undefined;
  }
  const isFolder = existsSync(folder) && statSync(folder).isDirectory();
  if (!isFolder) {
    messages.push(configMessage(casebook, '/templates', 'render/templates-missing', 'error', t(lang, 'load.templatesMissing', { folder: casebook.config.templates })));
    return undefined;
  }
  for (const name of Object.keys(files)) {
    const candidates = [path.join(folder, name)];
    if (name.startsWith('partials/')) candidates.push(path.join(folder, path.basename(name)));
    const found = candidates.find((file) => existsSync(file));
    if (found) files[name] = found;
  }
  // Extra partials of the casebook's own (hooks its page.hbs can include).
  for (const name of list(path.join(folder, 'partials'), '.hbs')) files[`partials/${name}`] ??= path.join(folder, 'partials', name);
  return { files, ownFolder: folder };
}

/**
 * The casebook's own template files are read only when they are regular files inside the
 * casebook (a partial linked to a private key must not land in the book) and not huge.
 */
function readTemplates(casebook: Casebook, lang: Lang, files: Record<string, string>, ownFolder: string | undefined, messages: Message[]): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [name, file] of Object.entries(files)) {
    const own = ownFolder !== undefined && file.startsWith(ownFolder + path.sep);
    if (own && !casebook.config.templatesNamed && !isInsideReal(casebook.config.root, file)) {
      messages.push(makeMessage(file, 'load/outside-casebook', 'error', t(lang, 'load.outsideCasebook', { target: file }), startOfFile));
      continue;
    }
    try {
      texts[name] = new TextDecoder().decode(readRegularFile(file, MAX_TEMPLATE_BYTES));
    } catch (error) {
      const refusal = error instanceof ReadRefused ? error.refusal : undefined;
      const text = refusal?.reason === 'not-a-file' ? t(lang, 'load.notAFile')
        : refusal ? t(lang, 'render.messages.templateTooLarge', { max: MAX_TEMPLATE_BYTES / 1024 / 1024 })
        : t(lang, 'load.unreadable', { code: (error as NodeJS.ErrnoException).code ?? 'EIO' });
      messages.push(makeMessage(file, refusal?.reason === 'not-a-file' ? 'load/not-a-file' : 'load/unreadable', 'error', text, startOfFile));
    }
  }
  return texts;
}

/** The options Handlebars would compile a partial given as source with: those of the page that calls it. */
const COMPILE_OPTIONS = { preventIndent: true } as const;

const require = createRequire(import.meta.url);

/** A built-in template compiled when the package was built, with the source it was compiled from. */
type Precompiled = Record<string, { source: string; spec: TemplateSpecification } & FastEntry>;
/** Written by scripts/compile-templates.mjs (`npm run build:ts`), with the same COMPILE_OPTIONS. */
const PRECOMPILED_FILE = path.join(packageRoot, 'dist', 'templates.precompiled.cjs');
let precompiledTemplates: Precompiled | undefined;

/**
 * The built-in templates' precompiled code. Compiling them took a third of a second of every
 * build; without the file (a checkout only type-checked), every template is compiled.
 */
function precompiled(): Precompiled {
  if (precompiledTemplates === undefined) {
    try {
      precompiledTemplates = require(PRECOMPILED_FILE) as Precompiled;
    } catch {
      precompiledTemplates = {};
    }
  }
  return precompiledTemplates;
}

/**
 * A Handlebars instance of its own. With only precompiled templates it is the runtime, without
 * the compiler: loading the compiler is a cost a build with the built-in templates need not pay.
 */
function handlebarsFor(compile: boolean): typeof Handlebars {
  return (require(compile ? 'handlebars' : 'handlebars/runtime') as typeof Handlebars).create();
}

/** A template the casebook brings (or one changed since the package was built): parsed now, so that a syntax error becomes a message at its line. */
function compiledFromSource(hb: typeof Handlebars, file: string, source: string, lang: Lang, messages: Message[]): HandlebarsTemplateDelegate | undefined {
  try {
    // Handlebars compiles lazily; parsing now turns a syntax error into a message at its line.
    hb.parse(source);
  } catch (error) {
    const detail = (error as Error).message;
    const line = Number(/line (\d+)/.exec(detail)?.[1] ?? 1);
    const position = { line, column: 1, endLine: line, endColumn: 1 };
    messages.push(makeMessage(file, 'render/template-syntax', 'error', t(lang, 'render.messages.templateSyntax', { detail: detail.split('\n')[0]! }), position));
    return undefined;
  }
  return hb.compile(source, COMPILE_OPTIONS);
}

/** The partials registered and the pages (page.hbs, handout.hbs) compiled; a syntax error becomes a message at its line. */
function compileTemplates(files: Record<string, string>, texts: Record<string, string>, lang: Lang, messages: Message[], plainJavaScript: boolean): { hb: typeof Handlebars; pages: Record<string, HandlebarsTemplateDelegate>; fast: Layout['fast'] } {
  const names = Object.keys(files).filter((n) => n.endsWith('.hbs'));
  const ready = precompiled();
  const isPrecompiled = (name: string) => ready[name]?.source === texts[name];
  const hb = handlebarsFor(!names.every(isPrecompiled));
  const pages: Record<string, HandlebarsTemplateDelegate> = {};
  for (const name of names) {
    const template = isPrecompiled(name) ? hb.template(ready[name]!.spec) : compiledFromSource(hb, files[name]!, texts[name]!, lang, messages);
    if (!template) continue;
    // Partials are registered compiled (each compiles once, on first use): registered as
    // source, Handlebars compiles a partial again on every top-level call, so the verdict
    // partial was compiled once per case and each partial once per handout.
    if (name.startsWith('partials/')) hb.registerPartial(path.basename(name, '.hbs'), template);
    else pages[name] = template;
  }
  registerHelpers(hb);
  const entries = plainJavaScript ? Object.fromEntries(names.filter(isPrecompiled).map((name) => [name, ready[name]!])) : {};
  return { hb, pages, fast: { ...fastTemplates(hb, entries, isPrecompiled), entries } };
}

/** The page's and the handout's templates, with the plain-JavaScript form of those that are built in (fast-templates.ts). */
interface Layout {
  hb: typeof Handlebars;
  page: HandlebarsTemplateDelegate;
  handout: HandlebarsTemplateDelegate;
  fast: { mains: Map<string, FastMain>; partials: Record<string, FastMain>; entries: Record<string, FastEntry> };
}

/**
 * The page with a marker where each case goes (`outline` is given the function that puts one),
 * and each case laid out when its piece is taken. The nonce keeps case text from forging a marker.
 */
function inPieces<T>(outline: (defer: (item: T) => string) => string, layOutCase: (item: T) => string): Iterable<string> {
  const nonce = randomBytes(8).toString('hex');
  const deferred: T[] = [];
  const text = outline((item) => {
    deferred.push(item);
    return `\u0000${nonce}:${deferred.length - 1}\u0000`;
  });
  return pieces(text, new RegExp(`\u0000${nonce}:(\\d+)\u0000`, 'g'), (index) => layOutCase(deferred[index]!));
}

/** The page laid out whole, or in pieces (each case laid out when its piece is taken); a handout. */
function renderers({ hb, page, handout, fast }: Layout, ownFolder: string | undefined): Pick<Templates, 'render' | 'renderPieces' | 'renderHandout'> {
  const runtimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  const run = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      // Our own templates are tested; a failure here comes from the casebook's templates.
      if (!ownFolder) throw error;
      throw new TemplateRenderError((error as Error).message);
    }
  };
  const casePartial = hb.partials[DEFERRED_PARTIAL] as HandlebarsTemplateDelegate | undefined;
  const fastPage = fast.mains.get('page.hbs');
  const fastCase = fast.mains.get(`partials/${DEFERRED_PARTIAL}.hbs`);
  const whole = (name: 'page.hbs' | 'handout.hbs', view: BookView) => {
    const main = fast.mains.get(name);
    return main ? main(view, topData(fast.entries[name]!, view)) : (name === 'page.hbs' ? page : handout)(view, runtimeOptions);
  };
  // Each case's context and the options Handlebars invoked the partial with (a fresh object
  // per call, marked as a partial's): laid out later with the same, it gives the same text
  // without setting up a top-level call (helpers wrapped anew) for every case.
  const handlebarsPieces = (view: BookView, partial: HandlebarsTemplateDelegate) => inPieces<{ context: unknown; options: Handlebars.RuntimeOptions }>((defer) => {
    hb.registerPartial(DEFERRED_PARTIAL, ((context: unknown, options: Handlebars.RuntimeOptions) => defer({ context, options })) as unknown as Handlebars.Template);
    try {
      return run(() => page(view, runtimeOptions));
    } finally {
      hb.registerPartial(DEFERRED_PARTIAL, partial);
    }
  }, ({ context, options }) => run(() => (fastCase ? fastCase(context, options.data) : partial(context, options))));
  // The same with the page's plain-JavaScript form: the case's context and data frame.
  const fastPieces = (view: BookView, main: FastMain, layOutCase: FastMain) => inPieces<{ context: unknown; data: unknown }>((defer) => {
    fast.partials[DEFERRED_PARTIAL] = (context, data) => defer({ context, data });
    try {
      return run(() => main(view, topData(fast.entries['page.hbs']!, view)));
    } finally {
      fast.partials[DEFERRED_PARTIAL] = layOutCase;
    }
  }, ({ context, data }) => run(() => layOutCase(context, data)));
  return {
    render: (view) => run(() => whole('page.hbs', view)),
    renderHandout: (view) => run(() => whole('handout.hbs', view)),
    renderPieces: (view) => {
      if (fastPage && fastCase) return fastPieces(view, fastPage, fastCase);
      return casePartial ? handlebarsPieces(view, casePartial) : [run(() => whole('page.hbs', view))];
    },
  };
}

/** `options.plainJavaScript` false: every template through Handlebars (the tests compare both ways). */
export function loadTemplates(casebook: Casebook, lang: Lang, options: { plainJavaScript?: boolean } = {}): TemplatesResult {
  const messages: Message[] = [];
  const found = templateFiles(casebook, lang, messages);
  if (!found) return { messages };
  const { files, ownFolder } = found;
  const texts = readTemplates(casebook, lang, files, ownFolder, messages);
  if (messages.length > 0) return { messages };
  for (const [name, file] of Object.entries(files)) {
    if (ownFolder !== undefined && file.startsWith(ownFolder + path.sep)) messages.push(...remoteReferences(file, texts[name]!, lang));
  }
  const { hb, pages: { 'page.hbs': page, 'handout.hbs': handout }, fast } = compileTemplates(files, texts, lang, messages, options.plainJavaScript !== false);
  if (messages.some((m) => m.severity === 'error') || !page || !handout) return { messages };
  return { messages, templates: { files, css: texts['style.css']!, script: texts['script.js']!, plain: [...fast.mains.keys()], ...renderers({ hb, page, handout, fast }, ownFolder) } };
}

/**
 * Where a template asks for something from the network: an attribute, url() or @import with
 * an http(s) or protocol-relative address. casebook fetches nothing (the browser that prints
 * the PDF resolves no names and reaches no proxy), so each is a warning at its line: the
 * person learns why the font or picture is missing, and that the template tried.
 */
const REMOTE = /(?:\b(?:href|src|srcset|action|formaction|poster|data|background|ping|content)\s*=\s*["']?\s*|url\(\s*["']?|@import\s+["']?)((?:https?:)?\/\/[^\s"'()<>]+)/gi;

function remoteReferences(file: string, text: string, lang: Lang): Message[] {
  const messages: Message[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(REMOTE)) {
      const url = match[1]!;
      const column = match.index + match[0].length - url.length + 1;
      const position = { line: index + 1, column, endLine: index + 1, endColumn: column + url.length };
      messages.push(makeMessage(file, 'render/remote-resource', 'warning', t(lang, 'render.messages.remoteResource', { url: url.slice(0, 200) }), position));
    }
  });
  return messages;
}

/** The partial laid out piece by piece: one case. */
const DEFERRED_PARTIAL = 'case';

function* pieces(outline: string, marker: RegExp, piece: (index: number) => string): Generator<string> {
  let from = 0;
  for (const match of outline.matchAll(marker)) {
    yield outline.slice(from, match.index);
    yield piece(Number(match[1]));
    from = match.index + match[0].length;
  }
  yield outline.slice(from);
}
