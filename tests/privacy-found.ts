/** Helpers for the privacy-forms tests: what a rule finds in a text, as the text it covers. */
import { scanText } from '../src/privacy/index.js';

/** What `rule` finds in `text`, as the text it covers, with the severity ("warning 06/…"). */
export function found(text: string, rule: string): string[] {
  return scanText(text).filter((f) => f.rule === rule).map((f) => `${f.severity} ${text.slice(f.start, f.end)}`);
}

/** What `rule` finds in `text`, as the text it covers, without the severity. */
export const covered = (text: string, rule: string): string[] => found(text, rule).map((f) => f.replace(/^\w+ /, ''));
