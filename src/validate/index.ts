/**
 * Stage 2 of the pipeline: validate. Every problem of every file in one run: parse errors,
 * the case schema (with the casebook's own domain, role and value lists), and the rules
 * (across cases, and privacy).
 */
import { t } from '../i18n/index.js';
import { countSeverity, makeMessage, sortMessages } from '../message.js';
import { positionOf } from '../position/index.js';
import { privacyRules } from '../privacy/index.js';
import type { CaseFile, Casebook, Lang, Message, SourceFile, ValidationResult } from '../types.js';
import { applySuppressions, runCaseRules, runCasebookRules } from './engine.js';
import type { Rule } from '../rule.js';
import { casebookRules, crossFileRules } from './rules/index.js';
import { loadCasebook, type FileTask, type LoadOptions, type PrepareTask } from '../load/index.js';
import { SchemaChecker, readSchema } from '../load/schema.js';
import { idAliases, suggest } from '../util/suggest.js';
import { ownString } from '../util/own-string.js';

export type { Rule, CaseRule, CasebookRule, RuleReport } from '../rule.js';
export { SchemaChecker, readSchema } from '../load/schema.js';
export { suggest, normalise } from '../util/suggest.js';
export { ruleSetting } from './engine.js';

/** Every rule casebook knows, in the order they run. */
export const allRules: readonly Rule[] = [...casebookRules, ...privacyRules];

const checkers = new Map<string, SchemaChecker>();
let caseSchema: Record<string, unknown> | undefined;

/** The ids the case schema allows for this casebook (scripts/compile-schemas.mjs precompiles the built-in ones). */
export function caseSchemaLists(casebook: Pick<Casebook, 'config' | 'values'>): Record<string, string[]> {
  return {
    domainId: casebook.config.domains.map((d) => d.id),
    roleId: casebook.config.roles.map((r) => r.id),
    valueId: casebook.values.values.map((v) => v.id),
  };
}

/** The case schema with this casebook's lists; compiled once per distinct set of lists. */
export function caseChecker(casebook: Pick<Casebook, 'config' | 'values'>): SchemaChecker {
  const enums = caseSchemaLists(casebook);
  const aliases = {
    status: idAliases('status'),
    domain: idAliases('domain', casebook.config.domains),
    role: idAliases('role', casebook.config.roles),
  };
  const key = JSON.stringify([enums, aliases]);
  let checker = checkers.get(key);
  if (!checker) {
    caseSchema ??= readSchema('case.schema.json');
    checker = new SchemaChecker(caseSchema, { enums, aliases });
    checkers.set(key, checker);
  }
  return checker;
}

export interface ValidateOptions {
  lang?: Lang;
  /** Which rules to run (default: all). */
  rules?: readonly Rule[];
  /**
   * Findings per unchanged file, kept between runs (`serve`). A new one is needed whenever
   * casebook.yaml or the value set changes.
   */
  cache?: ValidationCache;
}

export interface ValidationCache {
  files: WeakMap<CaseFile, Message[]>;
}

export const newValidationCache = (): ValidationCache => ({ files: new WeakMap() });

/**
 * Names under `rules:` in casebook.yaml that are no rule (or group of rules) casebook knows:
 * `privacy/bssn: off` would otherwise switch nothing off, silently.
 */
function unknownRuleSettings(casebook: Casebook, lang: Lang): Message[] {
  const config = casebook.sources.find((source) => source.path === casebook.config.file);
  if (!config) return [];
  const known = [...new Set(allRules.flatMap((rule) => [rule.id, rule.id.split('/')[0]!]))];
  // As written (a wrong severity elsewhere in the list must not hide a wrong name).
  const rules = (config.data as { rules?: unknown } | undefined)?.rules;
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) return [];
  return Object.keys(rules).filter((name) => !known.includes(name)).map((name) => {
    const suggestion = suggest(name, known);
    const text = suggestion ? t(lang, 'casebook.unknownRuleSuggest', { rule: name, suggestion }) : t(lang, 'casebook.unknownRule', { rule: name });
    return makeMessage(config.path, 'casebook/unknown-rule', 'warning', text, positionOf(config, `/rules/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, { key: true }), suggestion ? { suggestion } : {});
  });
}

/** The casebook rules that do not look across cases: they run per file, on that file alone. */
const fileRulesOf = (rules: readonly Rule[]) => rules.filter((rule) => rule.scope === 'case' || !crossFileRules.includes(rule));

/**
 * Everything validate checks in one file on its own, suppressions applied: how it read, the
 * schema, the case rules, and the per-case part of the other rules that are not across cases
 * (the casebook's own privacy patterns). The same function runs on this thread and in the
 * worker threads of a large casebook.
 */
export function fileChecks(casebook: Pick<Casebook, 'config' | 'values'>, lang: Lang, rules: readonly Rule[] = allRules): (file: CaseFile) => Message[] {
  const checker = caseChecker(casebook);
  // On its own: no other cases, and no casebook.yaml (its own findings are made once, in finishValidation).
  const alone: Casebook = { config: casebook.config, values: casebook.values, cases: [], messages: [], sources: [] };
  const fileRules = fileRulesOf(rules);
  return (file) => {
    const messages = [...file.messages, ...checker.check(file, lang)];
    if (file.data !== undefined) {
      const parsed = file as CaseFile & { data: Record<string, unknown> };
      messages.push(...runCaseRules(alone, parsed, fileRules, lang), ...runCasebookRules(alone, fileRules, lang, [parsed]));
    }
    // Nearly every file has no message: then there is nothing to suppress (and no map to make).
    if (messages.length > 0) applySuppressions(messages, new Map([[file.path, file]]));
    return messages;
  };
}

/**
 * The rest of validation once every file was checked on its own (`perFile`): what is wrong in
 * casebook.yaml and the folders, the checks across cases, the focus on named files, the order.
 */
function finishValidation(casebook: Casebook, perFile: readonly Message[], lang: Lang, rules: readonly Rule[]): ValidationResult {
  const fileRules = fileRulesOf(rules);
  const across = rules.filter((rule) => !fileRules.includes(rule));
  const main: Message[] = [
    ...casebook.messages,
    ...unknownRuleSettings(casebook, lang),
    ...runCasebookRules(casebook, across, lang),
    // The casebook-wide part of the per-file rules (a privacy pattern that is no regular expression).
    ...runCasebookRules(casebook, fileRules.filter((rule) => rule.scope === 'casebook'), lang, []),
  ];
  const byPath = new Map<string, CaseFile>(casebook.cases.map((c) => [c.path, c]));
  applySuppressions(main, byPath);
  const messages = [...main, ...perFile];
  // With explicit paths, the whole casebook is loaded (so `related` and unique ids are
  // checked against all cases) but only the named files are reported on.
  const focus = casebook.focus;
  const reported = focus ? messages.filter((m) => focus.has(m.file) || !byPath.has(m.file)) : messages;
  const files = focus ? casebook.cases.filter((c) => focus.has(c.path)) : casebook.cases;
  sortMessages(reported);
  return {
    files: files.length,
    cases: files.filter((c) => c.data !== undefined).length,
    errors: countSeverity(reported, 'error'),
    warnings: countSeverity(reported, 'warning'),
    messages: reported,
  };
}

export function validate(casebook: Casebook, options: ValidateOptions = {}): ValidationResult {
  const lang = options.lang ?? casebook.config.language;
  const rules = options.rules ?? allRules;
  const check = fileChecks(casebook, lang, rules);
  const perFile: Message[] = [];
  for (const file of casebook.cases) {
    let messages = options.cache?.files.get(file);
    if (!messages) {
      messages = check(file);
      options.cache?.files.set(file, messages);
    }
    perFile.push(...messages);
  }
  return finishValidation(casebook, perFile, lang, rules);
}

/**
 * What a thread sends back of a case's data: the fields the checks across cases read (`id`
 * and the strings of `related`; see crossFileRules), as they are or as a stand-in of the
 * same kind.
 */
function crossFileFields(data: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  // Strings of their own (ownString): not views on the parser's copy of the file's text.
  if ('id' in data) kept.id = typeof data.id === 'string' ? ownString(data.id) : null;
  if (Array.isArray(data.related)) kept.related = data.related.map((id) => (typeof id === 'string' ? ownString(id) : null));
  return kept;
}

/** What the task keeps of each case: its whole data (`build` renders it), or only what the checks across cases read. */
interface FileCheckOptions {
  keepData: boolean;
}

const prepareFileChecks: PrepareTask<undefined> = (settings) => {
  const check = fileChecks(settings, settings.lang);
  const { keepData } = settings.options as FileCheckOptions;
  return (file) => ({ messages: check(file), data: file.data && (keepData ? file.data : crossFileFields(file.data)), result: undefined });
};

/** validate's work on each file, for loadCasebook (in worker threads for a large casebook). */
export function fileCheckTask(options: FileCheckOptions = { keepData: false }): FileTask<undefined> {
  return {
    worker: new URL('./worker.js', import.meta.url),
    prepare: prepareFileChecks,
    options,
    // The reports quote the source around a message.
    keepText: true,
  };
}

export { prepareFileChecks };

/**
 * Loads and validates a casebook, each file checked right after it is read (in worker threads
 * for a large casebook): the result is the same as validate() after loadCasebook(). The cases
 * returned keep their path, id, text and messages, and their data whole with `keepData`
 * (`build`), else only the fields the checks across cases read.
 */
export async function loadAndValidate(options: LoadOptions, task: FileCheckOptions = { keepData: false }): Promise<{ casebook: Casebook; result: ValidationResult }> {
  const casebook = await loadCasebook({ ...options, task: fileCheckTask(task) });
  const lang = options.lang ?? casebook.config.language;
  const result = finishValidation(casebook, casebook.cases.flatMap((file) => file.messages), lang, allRules);
  return { casebook, result };
}
