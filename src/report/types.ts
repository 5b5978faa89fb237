import type { Lang, Message, ValidationResult } from '../types.js';

/** What every reporter gets besides the messages; reporters never reach into the engine. */
export interface ReportContext {
  /** Paths are printed relative to this folder. */
  cwd: string;
  /**
   * The repository root, for the CI formats (github, sarif, azure, gitlab): their paths are
   * relative to it (report/root.ts). Default: cwd.
   */
  root?: string;
  /** Every file reported on, clean ones included (JUnit lists a passing test for each). */
  files?: readonly string[];
  lang: Lang;
  /** ANSI colour; decided by the CLI (a TTY, and no NO_COLOR). */
  color: boolean;
  /** Source text per absolute path, for code frames. */
  sources: ReadonlyMap<string, string>;
  /** Rule descriptions, for formats that list rules (SARIF). */
  ruleDescription(rule: string): string;
  version: string;
}

/** A reporter is a pure function from a result to the text to print. */
export type Reporter = (result: ValidationResult, context: ReportContext) => string;

export const formats = ['stylish', 'json', 'github', 'azure', 'gitlab', 'sarif', 'junit'] as const;
export type Format = (typeof formats)[number];

export type { Message };
