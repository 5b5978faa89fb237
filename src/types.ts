/**
 * The data every stage of the pipeline shares: messages (what checks report) and the
 * loaded casebook (what load produces and validate, tag and render consume).
 */
import type { Document, LineCounter } from 'yaml';
import type { Position, QuickNode } from './position/index.js';

export type { Position } from './position/index.js';

export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'nl' | 'en';

/**
 * One finding, as data. Every check (YAML syntax, schema, cross-file, privacy, tagging)
 * reports these; reporters turn a list of them into text. Nothing below the CLI prints.
 */
export interface Message extends Position {
  /** Absolute path of the file the message is about. */
  file: string;
  /** Stable rule id such as `schema/enum` or `privacy/bsn`. */
  rule: string;
  severity: Severity;
  /** One plain sentence in the requested language. */
  message: string;
  /** The known key or id that is close to what was typed ("bedoelde je …?"). */
  suggestion?: string;
  /** JSON Pointer of the offending value within the document, when there is one. */
  path?: string;
  /** True when a `# casebook-disable-next-line` comment or an allow-list silenced it. */
  suppressed?: boolean;
}

/** A domain, role or other labelled id from the casebook's lists. */
export interface LabelledId {
  id: string;
  label: string;
}

/** One core value (kernwaarde) of a value set. */
export interface CoreValue {
  id: string;
  label: { nl: string; en: string };
  description: { nl: string; en: string };
  /** Phrases and terms that signal this value; used by the tagger. */
  signals?: Array<{ phrase: string; weight?: number }>;
  /** Phrases that look like a signal but mean something else; a signal inside one does not count. */
  exclude?: string[];
  /** Case fields in which this value's signals count more (or less): `{ effect: 1.5 }`. */
  fields?: Record<string, number>;
}

export interface ValueSet {
  /** Where the set comes from: `built-in` or the path of the casebook's own file. */
  source: string;
  /** Human description of the set's provenance (shown in the colophon). */
  provenance: { nl: string; en: string };
  values: CoreValue[];
}

/** A custom privacy pattern from casebook.yaml (`privacy.patterns`). */
export interface CustomPrivacyPattern {
  id: string;
  pattern: string;
  severity: Severity;
  message?: string;
}

export type RuleSetting = Severity | 'off';

/** casebook.yaml after defaults are applied. */
/** A named edition in casebook.yaml: which cases, and where their decisions go. */
export interface EditionConfig {
  domains?: string[];
  values?: string[];
  statuses?: Array<'draft' | 'review' | 'published'>;
  drafts?: boolean;
  decisions?: 'inline' | 'appendix' | 'omit';
}

export interface CasebookConfig {
  /** Absolute path of casebook.yaml, or undefined when running without one. */
  file: string | undefined;
  /** The folder that holds casebook.yaml (or the current folder without one). */
  root: string;
  title: string;
  subtitle?: string;
  organisation?: string;
  language: Lang;
  cases: string[];
  valuesFile?: string;
  domains: LabelledId[];
  roles: LabelledId[];
  output: string;
  templates?: string;
  /** `templates` was named on the command line (`--templates`): the person's own choice, not held to the casebook's folder. */
  templatesNamed?: boolean;
  version?: string;
  chapters: 'domain' | 'value';
  /** Where decision and outcome go in the book (default inline). */
  decisions: 'inline' | 'appendix' | 'omit';
  /** Named editions (`build --edition NAME`). */
  editions: Record<string, EditionConfig>;
  rules: Record<string, RuleSetting>;
  privacy: { patterns: CustomPrivacyPattern[]; allowNames: string[]; allowEmailDomains: string[] };
  /** `model`: the team's learned model, relative to the root (default .casebook/tagger.json). */
  tagging: { threshold: number; strongThreshold: number; model?: string };
  theme: { primary?: string; accent?: string; font?: string; logo?: string };
}

/** A YAML file read from disk, parsed with positions kept. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** The text as decoded (BOM removed); undefined when the file could not be decoded. */
  text: string | undefined;
  /** The parsed document; undefined when the file was not YAML at all (binary, too large). */
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
  /** Plain data, when parsing succeeded and the document is a mapping. */
  data: Record<string, unknown> | undefined;
  /** Problems found while reading and parsing (rule ids `yaml/*`, `load/*`). */
  messages: Message[];
  /** Where each node is, when the quick path read the file and was asked to keep it (load/quick.ts). */
  tree?: QuickNode;
}

/** A case file: a source file plus the id it is known by in the casebook. */
export interface CaseFile extends SourceFile {
  /** The `id` field, or the file name without extension. */
  id: string;
}

export interface Casebook {
  config: CasebookConfig;
  values: ValueSet;
  cases: CaseFile[];
  /** Problems with casebook.yaml, the values file or the case folders themselves. */
  messages: Message[];
  /** casebook.yaml and the values file as parsed, for positions of config messages. */
  sources: SourceFile[];
  /** When paths were given: the case files to report on (the others give context only). */
  focus?: ReadonlySet<string>;
}

export interface ValidationResult {
  files: number;
  cases: number;
  errors: number;
  warnings: number;
  messages: Message[];
}
