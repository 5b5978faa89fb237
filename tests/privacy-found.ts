/** Helpers for the privacy-forms tests: what a rule finds in a text, as the text it covers. */
import { scanText } from '../src/privacy/index.js';

/** What `rule` finds in `text`, as the text it covers, with the severity ("warning 06/…"). */
export function found(text: string, rule: string): string[] {
  return scanText(text).filter((f) => f.rule === rule).map((f) => `${f.severity} ${text.slice(f.start, f.end)}`);
}

/** What `rule` finds in `text`, as the text it covers, without the severity. */
export const covered = (text: string, rule: string): string[] => found(text, rule).map((f) => f.replace(/^\w+ /, ''));

/** What `rule` reports in `text` as a warning or an error (its hints, "info", left out), with the severity. */
export const reported = (text: string, rule: string): string[] => found(text, rule).filter((f) => !f.startsWith('info'));

/** What `rule` reports in `text` as a warning or an error, as the text it covers, without the severity. */
export const reportedCovered = (text: string, rule: string): string[] => reported(text, rule).map((f) => f.replace(/^\w+ /, ''));
