/** Messages about a place in a YAML source (a case field, a key of casebook.yaml), with positions. */
import { positionOf, startOfFile } from '../position/index.js';
import { makeMessage } from '../message.js';
import type { Casebook, Message, Severity, SourceFile } from '../types.js';

export function sourceMessage(file: SourceFile, pointer: string, rule: string, severity: Severity, message: string, needle?: string): Message {
  return makeMessage(file.path, rule, severity, message, positionOf(file, pointer, needle !== undefined ? { needle } : {}), { path: pointer });
}

/** A message about a key of casebook.yaml (or about the folder, when there is no casebook.yaml). */
export function configMessage(casebook: Casebook, pointer: string, rule: string, severity: Severity, message: string): Message {
  const file = casebook.sources.find((s) => s.path === casebook.config.file);
  if (file) return sourceMessage(file, pointer, rule, severity, message);
  return makeMessage(casebook.config.file ?? casebook.config.root, rule, severity, message, startOfFile, { path: pointer });
}
