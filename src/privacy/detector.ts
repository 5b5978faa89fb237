/**
 * How the privacy rules are built: each rule is a detector that finds identifiers in one
 * piece of text, and an adapter runs it over every text field of a case and reports what
 * it finds. Keeping detection on plain text lets the fixture eval (npm run eval:privacy)
 * measure exactly the code that `validate` runs.
 */
import type { Params } from '../i18n/index.js';
import type { CasebookConfig, Severity } from '../types.js';
import type { CaseRule, RuleReport } from '../rule.js';
import { compilePatterns, type CompiledPattern } from './patterns.js';
import { normaliseName } from './names.js';
import { caseTexts, stringList } from './text.js';

/** One identifier found in a text. */
export interface Detection {
  /** Range in the text, `[start, end)`. */
  start: number;
  end: number;
  severity: Severity;
  /** Message key below `privacy.`; the message gets `{value}` (the masked identifier) and `params`. */
  message: string;
  params?: Params;
  /** The identifier as a report may show it: masked, never in full. */
  shown: string;
  /** Reported, but allowed (a fictional name); shown as suppressed in JSON output. */
  suppressed?: boolean;
}

/** What a detector may know besides the text: the casebook's and the case's allow-lists. */
export interface PrivacyEnv {
  /** Fictional names (casebook `privacy.allow-names`, the case's `pseudonyms` and `x-fictional-names`), normalised. */
  allowNames: readonly string[];
  allowEmailDomains: readonly string[];
  /** The casebook's own patterns (`privacy.patterns`) that compiled. */
  patterns: readonly CompiledPattern[];
}

export interface PrivacyDetector {
  id: string;
  defaultSeverity: Severity;
  /** Finds only identifiers with a digit in them, so texts without one are skipped. */
  needsDigit?: boolean;
  detect(text: string, env: PrivacyEnv): Detection[];
}

/** The allow-lists for one case of a casebook (or for a text on its own, without `data`). */
export function privacyEnv(privacy: CasebookConfig['privacy'], data: Record<string, unknown> = {}): PrivacyEnv {
  const names = [...privacy.allowNames, ...stringList(data.pseudonyms), ...stringList(data['x-fictional-names'])];
  return {
    allowNames: names.map(normaliseName).filter((name) => name !== ''),
    allowEmailDomains: privacy.allowEmailDomains.map((domain) => domain.toLowerCase().replace(/^@/, '')),
    patterns: compilePatterns(privacy.patterns).compiled,
  };
}

/** The allow-lists of the case last asked for (caseEnv). */
let last: { privacy: CasebookConfig['privacy']; data: Record<string, unknown>; env: PrivacyEnv } | undefined;

/**
 * privacyEnv for a case of a casebook, kept for the case last asked for: every privacy rule
 * asks for the same case in turn, and making it eight times a case (lists copied, names
 * normalised, the casebook's patterns compiled) was work for nothing. Only the last case is
 * kept, as caseTexts keeps its texts, so nothing of earlier cases stays alive.
 */
export function caseEnv(privacy: CasebookConfig['privacy'], data: Record<string, unknown>): PrivacyEnv {
  if (last?.privacy === privacy && last.data === data) return last.env;
  const env = privacyEnv(privacy, data);
  last = { privacy, data, env };
  return env;
}

/**
 * Which occurrence of `needle` in `text` starts at `start`, counting overlapping ones, as
 * locateText counts them when it places the report in the YAML source.
 */
function occurrenceAt(text: string, needle: string, start: number): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0 && at < start; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

/**
 * More findings of one rule in one field are noise, and each costs a search through the
 * field to place it; a field this full fails validation anyway.
 */
const MAX_FINDINGS_PER_FIELD = 100;

/** Runs `detector` over every text field of a case and reports each detection (up to the cap per field). */
export function reportDetections(
  detector: PrivacyDetector,
  data: Record<string, unknown>,
  env: PrivacyEnv,
  t: (key: string, params?: Params) => string,
  report: (report: RuleReport) => void,
): void {
  for (const field of caseTexts(data)) {
    if (detector.needsDigit && !field.hasDigit) continue;
    const detections = detector.detect(field.text, env);
    // Indexed, not sliced: a copy of each field's (mostly empty) list is garbage.
    for (let index = 0; index < detections.length && index < MAX_FINDINGS_PER_FIELD; index++) {
      const found = detections[index]!;
      const needle = field.text.slice(found.start, found.end);
      report({
        pointer: field.pointer,
        needle,
        occurrence: occurrenceAt(field.text, needle, found.start),
        // A name or number may wrap across lines in a block of text; a message is one line.
        message: t(`privacy.${found.message}`, { ...found.params, value: found.shown.replace(/\s+/g, ' ') }),
        severity: found.severity,
        ...(found.suppressed ? { suppressed: true } : {}),
      });
    }
  }
}

/** The rule that runs `detector` over each case. */
export function caseRule(detector: PrivacyDetector): CaseRule {
  return {
    id: detector.id,
    defaultSeverity: detector.defaultSeverity,
    scope: 'case',
    check(ctx) {
      reportDetections(detector, ctx.data, caseEnv(ctx.casebook.config.privacy, ctx.data), ctx.t, ctx.report);
    },
  };
}
