/**
 * privacy/email: e-mail addresses. An error, except addresses at a placeholder
 * domain (example.nl, voorbeeld.nl, .test: data/privacy/placeholder-email-domains.txt) or
 * at a domain the casebook allows (`privacy.allow-email-domains`), and their subdomains.
 * An organisation's functional mailbox ("noreply@…", "wijkteam-west@…": context-words.yaml,
 * `functional-mailbox`) is a hint.
 */
import { mask } from '../mask.js';
import { privacyData, type PrivacyData } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?`;
const address = new RegExp(String.raw`(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]+@(${LABEL}(?:\.${LABEL})*\.\p{L}{2,})(?![\p{L}\p{N}\-])`, 'gu');

/** `sub.example.nl` is under `example.nl`; `.test` is a whole top-level domain. */
function isUnder(domain: string, allowed: string): boolean {
  if (allowed.startsWith('.')) return domain.endsWith(allowed);
  return domain === allowed || domain.endsWith('.' + allowed);
}

/** "noreply", "wijkteam-west", "sociaal.domein": a functional mailbox, by its whole or its first part. */
function isFunctionalMailbox(local: string, data: PrivacyData): boolean {
  const lower = local.toLowerCase();
  return data.context.functionalMailbox.has(lower) || data.context.functionalMailbox.has(lower.split(/[._\-]/)[0]!);
}

export const emailDetector: PrivacyDetector = {
  id: 'privacy/email',
  defaultSeverity: 'error',
  detect(text, env) {
    if (!text.includes('@')) return [];
    const found: Detection[] = [];
    const data = privacyData();
    const placeholders = data.placeholderEmailDomains;
    for (const match of text.matchAll(address)) {
      const domain = match[1]!.toLowerCase();
      if (placeholders.some((d) => isUnder(domain, d)) || env.allowEmailDomains.some((d) => isUnder(domain, d))) continue;
      const severity = isFunctionalMailbox(match[0].slice(0, match[0].indexOf('@')), data) ? 'info' : 'error';
      found.push({ start: match.index, end: match.index + match[0].length, severity, message: 'email', shown: mask(match[0]) });
    }
    return found;
  },
};

export const email = caseRule(emailDetector);
