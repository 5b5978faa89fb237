/**
 * What a check is: a small module with an id, a default severity and a function that
 * reports problems. Rules never print and never decide their final severity or whether
 * they are suppressed: the engine does that (config `rules:`, disable comments).
 */
import type { Params } from './i18n/index.js';
import type { CaseFile, Casebook, Lang, Severity } from './types.js';

export interface RuleReport {
  /** JSON Pointer of the value the problem is about (`''` for the whole file). */
  pointer: string;
  /** Point at the key of the last pair instead of its value. */
  key?: boolean;
  /** Exact text inside the scalar at `pointer` to point at (e.g. a phone number). */
  needle?: string;
  /** Which occurrence of `needle` in that scalar's parsed value (0-based, overlapping ones counted). */
  occurrence?: number;
  /** The worded message; use `ctx.t` so it comes from the message files. */
  message: string;
  suggestion?: string;
  /** Overrides the rule's severity for this finding (e.g. a BSN next to the word "BSN"). */
  severity?: Severity;
  /** Reported but silenced by the rule itself (e.g. a name in the case's pseudonyms). */
  suppressed?: boolean;
}

interface BaseContext {
  casebook: Casebook;
  lang: Lang;
  t(key: string, params?: Params): string;
}

export interface CaseRuleContext extends BaseContext {
  file: CaseFile;
  /** The case's data (only cases that parsed are checked). */
  data: Record<string, unknown>;
  report(report: RuleReport): void;
}

export interface CasebookRuleContext extends BaseContext {
  /** The cases that parsed, with their data. */
  cases: Array<CaseFile & { data: Record<string, unknown> }>;
  report(file: CaseFile, report: RuleReport): void;
}

interface RuleBase {
  /** Stable id, `group/name`; its description is `rules.<id>` in the message files. */
  id: string;
  defaultSeverity: Severity;
}

/** A check that looks at one case at a time. */
export interface CaseRule extends RuleBase {
  scope: 'case';
  check(ctx: CaseRuleContext): void;
}

/** A check across all cases (unique ids, related cases that exist). */
export interface CasebookRule extends RuleBase {
  scope: 'casebook';
  check(ctx: CasebookRuleContext): void;
}

export type Rule = CaseRule | CasebookRule;
