/** Small helpers to build, count and order messages. */
import type { Message, Position, Severity } from './types.js';

export function makeMessage(
  file: string,
  rule: string,
  severity: Severity,
  message: string,
  position: Position,
  extra: Pick<Message, 'suggestion' | 'path' | 'suppressed'> = {},
): Message {
  const result: Message = { file, rule, severity, message, ...position };
  if (extra.suggestion !== undefined) result.suggestion = extra.suggestion;
  if (extra.path !== undefined) result.path = extra.path;
  if (extra.suppressed) result.suppressed = true;
  return result;
}

/** Active (not suppressed) messages of one severity. */
export function countSeverity(messages: readonly Message[], severity: Severity): number {
  let n = 0;
  for (const m of messages) if (!m.suppressed && m.severity === severity) n++;
  return n;
}

/** Stable order: by file, then position, then rule id. */
export function sortMessages(messages: Message[]): Message[] {
  return messages.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
