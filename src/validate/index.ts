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
import { applySuppressions, runRules } from './engine.js';
import type { Rule } from '../rule.js';
import { casebookRules } from './rules/index.js';
import { SchemaChecker, readSchema } from '../load/schema.js';
import { idAliases, suggest } from '../util/suggest.js';

export type { Rule, CaseRule, CasebookRule, RuleReport } from '../rule.js';
export { SchemaChecker, readSchema } from '../load/schema.js';
export { suggest, normalise } from '../util/suggest.js';
export { ruleSetting } from './engine.js';

/** Every rule casebook knows, in the order they run. */
export const allRules: readonly Rule[] = [...casebookRules, ...privacyRules];

const checkers = new Map<string, SchemaChecker>();
let caseSchema: Record<string, unknown> | undefined;

/** The case schema with this casebook's lists; compiled once per distinct set of lists. */
export function caseChecker(casebook: Casebook): SchemaChecker {
  const enums = {
    domainId: casebook.config.domains.map((d) => d.id),
    roleId: casebook.config.roles.map((r) => r.id),
    valueId: casebook.values.values.map((v) => v.id),
  };
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
  schema: WeakMap<SourceFile, Message[]>;
  rules: WeakMap<CaseFile, Message[]>;
}

export const newValidationCache = (): ValidationCache => ({ schema: new WeakMap(), rules: new WeakMap() });

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

export function validate(casebook: Casebook, options: ValidateOptions = {}): ValidationResult {
  const lang = options.lang ?? casebook.config.language;
  const checker = caseChecker(casebook);
  const messages: Message[] = [...casebook.messages, ...unknownRuleSettings(casebook, lang)];
  for (const file of casebook.cases) {
    messages.push(...file.messages);
    let schemaMessages = options.cache?.schema.get(file);
    if (!schemaMessages) {
      schemaMessages = checker.check(file, lang);
      options.cache?.schema.set(file, schemaMessages);
    }
    messages.push(...schemaMessages);
  }
  messages.push(...runRules(casebook, options.rules ?? allRules, lang, options.cache?.rules));
  const byPath = new Map<string, CaseFile>(casebook.cases.map((c) => [c.path, c]));
  applySuppressions(messages, byPath);
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
