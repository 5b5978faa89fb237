/** Messages about a place in a YAML source (a case field, a key of casebook.yaml), with positions. */
import { locate, locateText, rangePosition, startOfFile } from '../position/locate.js';
import { makeMessage } from '../message.js';
import type { Casebook, Message, Severity, SourceFile } from '../types.js';

export function sourceMessage(file: SourceFile, pointer: string, rule: string, severity: Severity, message: string, needle?: string): Message {
  let position = startOfFile;
  if (file.doc) {
    const range = needle !== undefined && file.text !== undefined
      ? locateText(file.doc, file.text, pointer, needle)
      : locate(file.doc, pointer).range;
    position = rangePosition(file.lineCounter, range[0], range[1]);
  }
  return makeMessage(file.path, rule, severity, message, position, { path: pointer });
}

/** A message about a key of casebook.yaml (or about the folder, when there is no casebook.yaml). */
export function configMessage(casebook: Casebook, pointer: string, rule: string, severity: Severity, message: string): Message {
  const file = casebook.sources.find((s) => s.path === casebook.config.file);
  if (file) return sourceMessage(file, pointer, rule, severity, message);
  return makeMessage(casebook.config.file ?? casebook.config.root, rule, severity, message, startOfFile, { path: pointer });
}
