/**
 * Privacy rules: personal data that must not leave the team (AVG). Casebooks are shared
 * across teams and municipalities; these rules are a second pair of eyes for the person
 * who anonymised a case by hand, in `validate` and before every `build`.
 */
import type { Rule } from '../rule.js';
import { privacyEnv, type Detection, type PrivacyDetector } from './detector.js';
import { address, addressDetector } from './rules/address.js';
import { birthdate, birthdateDetector } from './rules/birthdate.js';
import { bsn, bsnDetector } from './rules/bsn.js';
import { custom, customDetector } from './rules/custom.js';
import { email, emailDetector } from './rules/email.js';
import { iban, ibanDetector } from './rules/iban.js';
import { name, nameDetector } from './rules/name.js';
import { phone, phoneDetector } from './rules/phone.js';
import type { CasebookConfig } from '../types.js';

export const privacyRules: readonly Rule[] = [bsn, iban, phone, email, address, birthdate, name, custom];

/** The same checks, on plain text (for the fixture eval and for tools that check a text). */
export const privacyDetectors: readonly PrivacyDetector[] = [bsnDetector, ibanDetector, phoneDetector, emailDetector, addressDetector, birthdateDetector, nameDetector, customDetector];

export interface TextFinding extends Detection {
  rule: string;
}

/**
 * Every privacy finding in `text`, in order, with the casebook's privacy settings and the
 * case's fictional names (`pseudonyms`).
 */
export function scanText(
  text: string,
  options: { privacy?: CasebookConfig['privacy']; pseudonyms?: readonly string[] } = {},
): TextFinding[] {
  const privacy = options.privacy ?? { patterns: [], allowNames: [], allowEmailDomains: [] };
  const env = privacyEnv(privacy, { pseudonyms: [...(options.pseudonyms ?? [])] });
  const findings = privacyDetectors.flatMap((detector) => detector.detect(text, env).map((found) => ({ ...found, rule: detector.id })));
  return findings.sort((a, b) => a.start - b.start || (a.rule < b.rule ? -1 : 1));
}

export type { Detection, PrivacyDetector, PrivacyEnv } from './detector.js';
