/**
 * privacy/email: e-mail addresses. An error, except addresses at a placeholder
 * domain (example.nl, voorbeeld.nl, .test: data/privacy/placeholder-email-domains.txt) or
 * at a domain the casebook allows (`privacy.allow-email-domains`), and their subdomains.
 * An organisation's functional mailbox ("noreply@…", "wijkteam-west@…": context-words.yaml,
 * `functional-mailbox`) is a hint; one that a desk and one person's practice both use ("info@…",
 * "wmo@…": `shared-mailbox`) is a warning.
 */
import { mask } from '../mask.js';
import { privacyData, type PrivacyData } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';
import { lazyPattern } from '../lazy.js';

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?`;
const address = lazyPattern(String.raw`(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]+@(${LABEL}(?:\.${LABEL})*\.\p{L}{2,})(?![\p{L}\p{N}\-])`, 'gu');

/** `sub.example.nl` is under `example.nl`; `.test` is a whole top-level domain. */
function isUnder(domain: string, allowed: string): boolean {
  if (allowed.startsWith('.')) return domain.endsWith(allowed);
  return domain === allowed || domain.endsWith('.' + allowed);
}

/** Whether `words` holds the local part, by its whole or its first part ("wijkteam-west", "sociaal.domein"). */
function startsWithWord(local: string, words: ReadonlySet<string>): boolean {
  const lower = local.toLowerCase();
  return words.has(lower) || words.has(lower.split(/[._\-]/)[0]!);
}

/** A functional mailbox is a hint; one a desk and a person's practice both use, a warning. */
function mailboxSeverity(local: string, data: PrivacyData): Detection['severity'] {
  if (startsWithWord(local, data.context.functionalMailbox)) return 'info';
  return startsWithWord(local, data.context.sharedMailbox) ? 'warning' : 'error';
}

export const emailDetector: PrivacyDetector = {
  id: 'privacy/email',
  defaultSeverity: 'error',
  detect(text, env) {
    if (!text.includes('@')) return [];
    const found: Detection[] = [];
    const data = privacyData();
    const placeholders = data.placeholderEmailDomains;
    for (const match of text.matchAll(address())) {
      const domain = match[1]!.toLowerCase();
      if (placeholders.some((d) => isUnder(domain, d)) || env.allowEmailDomains.some((d) => isUnder(domain, d))) continue;
      const severity = mailboxSeverity(match[0].slice(0, match[0].indexOf('@')), data);
      found.push({ start: match.index, end: match.index + match[0].length, severity, message: 'email', shown: mask(match[0]) });
    }
    return found;
  },
};

export const email = caseRule(emailDetector);
