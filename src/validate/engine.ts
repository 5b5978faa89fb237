/**
 * Runs rules over a casebook: applies the configured severity (`rules:` in casebook.yaml),
 * places each report in the source, applies `# casebook-disable-…` comments, and turns a
 * crashing rule into a message instead of a crash.
 */
import { t, type Params } from '../i18n/index.js';
import { locate, pointerSegments, positionOf, startOfFile, toPointer } from '../position/index.js';
import { makeMessage } from '../message.js';
import { yamlComments } from '../load/comments.js';
import type { CaseFile, Casebook, Lang, Message, RuleSetting, Severity } from '../types.js';
import type { CaseRuleContext, Rule, RuleReport } from '../rule.js';

/** The setting for a rule: its own id first, then its group (`privacy`), then its default. */
export function ruleSetting(rule: Pick<Rule, 'id' | 'defaultSeverity'>, settings: Record<string, RuleSetting>): RuleSetting {
  return settings[rule.id] ?? settings[rule.id.split('/')[0]!] ?? rule.defaultSeverity;
}

function toMessage(file: CaseFile, rule: Rule, severity: Severity, report: RuleReport): Message {
  const position = positionOf(file, report.pointer, {
    ...(report.key ? { key: true } : {}),
    ...(report.needle !== undefined ? { needle: report.needle } : {}),
    ...(report.occurrence !== undefined ? { occurrence: report.occurrence } : {}),
  });
  const extra: Pick<Message, 'suggestion' | 'path' | 'suppressed'> = { path: report.pointer };
  if (report.suggestion !== undefined) extra.suggestion = report.suggestion;
  if (report.suppressed) extra.suppressed = true;
  return makeMessage(file.path, rule.id, report.severity ?? severity, report.message, position, extra);
}

/** The rules that are not off, each with how it decides a finding's severity. */
type ActiveRule = { rule: Rule; severityOf: (report: RuleReport) => Severity };

/** Per casebook and list of rules: worked out once, not for each of 10,000 cases. */
const activeCache = new WeakMap<Casebook, WeakMap<readonly Rule[], ActiveRule[]>>();

function activeRules(casebook: Casebook, rules: readonly Rule[]): ActiveRule[] {
  let perRules = activeCache.get(casebook);
  if (!perRules) activeCache.set(casebook, (perRules = new WeakMap()));
  let active = perRules.get(rules);
  if (!active) perRules.set(rules, (active = settingsOf(casebook, rules)));
  return active;
}

function settingsOf(casebook: Casebook, rules: readonly Rule[]): ActiveRule[] {
  return rules.flatMap((rule) => {
    const setting = ruleSetting(rule, casebook.config.rules);
    if (setting === 'off') return [];
    // A finding's own severity (e.g. "error next to the word BSN") is kept unless the
    // casebook configured this rule explicitly.
    const configured = casebook.config.rules[rule.id] !== undefined || casebook.config.rules[rule.id.split('/')[0]!] !== undefined;
    const severityOf = (report: RuleReport): Severity => (configured ? (setting as Severity) : report.severity ?? (setting as Severity));
    return [{ rule, severityOf }];
  });
}

function crash(into: Message[], rule: Rule, file: CaseFile, error: unknown, lang: Lang): void {
  into.push(makeMessage(file.path, 'internal/rule-crash', 'error', t(lang, 'cli.internalError', { detail: `${rule.id}: ${(error as Error)?.message ?? String(error)}` }), startOfFile));
}

/** The case rules of `rules` on one parsed case. */
export function runCaseRules(casebook: Casebook, file: CaseFile & { data: Record<string, unknown> }, rules: readonly Rule[], lang: Lang): Message[] {
  const say = (key: string, params?: Params) => t(lang, key, params);
  const own: Message[] = [];
  // One context for the case, its `report` for the rule that runs now: a context and a
  // closure for each rule and case were 2 kB of garbage a case. Rules report while they run.
  let current: ActiveRule | undefined;
  const ctx: CaseRuleContext = {
    casebook, lang, t: say, file, data: file.data,
    report: (report) => {
      const severity = current!.severityOf(report);
      own.push(toMessage(file, current!.rule, severity, { ...report, severity }));
    },
  };
  for (const active of activeRules(casebook, rules)) {
    const { rule } = active;
    if (rule.scope !== 'case') continue;
    current = active;
    try {
      rule.check(ctx);
    } catch (error) {
      crash(own, rule, file, error, lang);
    }
  }
  return own;
}

/**
 * The casebook rules of `rules` over `cases` (default: every case of the casebook that
 * parsed). A rule's findings are placed in the file it names, through that file's source.
 */
export function runCasebookRules(casebook: Casebook, rules: readonly Rule[], lang: Lang, cases = parsedCases(casebook)): Message[] {
  const say = (key: string, params?: Params) => t(lang, key, params);
  const messages: Message[] = [];
  for (const { rule, severityOf } of activeRules(casebook, rules)) {
    if (rule.scope !== 'casebook') continue;
    try {
      rule.check({
        casebook, lang, t: say, cases,
        report: (file, report) => messages.push(toMessage(file, rule, severityOf(report), { ...report, severity: severityOf(report) })),
      });
    } catch (error) {
      const file = cases[0] ?? casebook.cases[0];
      if (file) crash(messages, rule, file, error, lang);
      else throw error;
    }
  }
  return messages;
}

const parsedCases = (casebook: Casebook) => casebook.cases.filter((c): c is CaseFile & { data: Record<string, unknown> } => c.data !== undefined);

/**
 * Runs the rules. `perFile` (optional) keeps the findings of the case rules per parsed file
 * between runs (`serve`): a file that did not change is not checked again. Whoever changes
 * the configuration must start with a new one.
 */
export function runRules(casebook: Casebook, rules: readonly Rule[], lang: Lang, perFile?: WeakMap<CaseFile, Message[]>): Message[] {
  const messages: Message[] = [];
  for (const file of parsedCases(casebook)) {
    let own = perFile?.get(file);
    if (!own) {
      own = runCaseRules(casebook, file, rules, lang);
      perFile?.set(file, own);
    }
    messages.push(...own);
  }
  messages.push(...runCasebookRules(casebook, rules, lang));
  return messages;
}

const DIRECTIVE = /#\s*casebook-disable-(next-line|line)\b([^#\n]*)/;

/**
 * Per line, the rule ids (or `*` for all) that comments switch off there. Only real YAML
 * comments count: the same words inside a block of text or quotes are text that goes into
 * the book (casebook/directive-in-text says so), and must not silence what is found there.
 */
function disabledLines(text: string): Map<number, string[]> {
  const table = new Map<number, string[]>();
  if (!text.includes('casebook-disable')) return table;
  for (const comment of yamlComments(text)) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const ids = match[2]!.split(/[\s,]+/).filter(Boolean);
    const target = match[1] === 'next-line' ? comment.line + 1 : comment.line;
    table.set(target, [...(table.get(target) ?? []), ...(ids.length ? ids : ['*'])]);
  }
  return table;
}

const matches = (ids: string[], rule: string) => ids.some((id) => id === '*' || id === rule || rule.startsWith(id + '/'));

/**
 * Marks messages silenced by comments as suppressed (they stay in the list, so JSON output
 * can show them). A comment applies to the line below it; because nothing can be put
 * inside a block of text (`situation: |`), a comment above a field's key also covers every
 * line of that field's value.
 */
export function applySuppressions(messages: Message[], files: ReadonlyMap<string, CaseFile>): void {
  const tables = new Map<string, Map<number, string[]>>();
  for (const message of messages) {
    if (message.suppressed || message.rule.startsWith('yaml/') || message.rule.startsWith('load/')) continue;
    const file = files.get(message.file);
    if (!file?.text) continue;
    let table = tables.get(file.path);
    if (!table) {
      table = disabledLines(file.text);
      tables.set(file.path, table);
    }
    if (table.size === 0) continue;
    const lines = [message.line];
    if (file.doc && message.path) {
      const segments = pointerSegments(message.path);
      for (let depth = 1; depth <= segments.length; depth++) {
        const at = locate(file.doc, toPointer(segments.slice(0, depth)), { key: true });
        if (at.exact) lines.push(file.lineCounter.linePos(at.range[0]).line);
      }
    }
    if (lines.some((line) => matches(table!.get(line) ?? [], message.rule))) message.suppressed = true;
  }
}
