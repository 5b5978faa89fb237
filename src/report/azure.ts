/**
 * Azure Pipelines logging commands: one `task.logissue` per message, shown on the build's
 * summary and, for a pull request, on its lines; then `task.complete result=Failed` when
 * errors stand. User text is first made one inert line (escapeText: control characters and
 * line breaks shown as \n, no `##vso[`), then escaped as the agent wants (CommandStringConvertor:
 * % ; ] CR LF), in the properties and in the message alike.
 */
import { escapeText } from './escape.js';
import type { Reporter } from './types.js';
import { ciPath } from './util.js';

/** The agent's escaping, after escapeText (report/escape.ts) has made the text one inert line. */
export const escapeAzure = (text: string) =>
  escapeText(text).replace(/%/g, '%AZP25').replace(/;/g, '%3B').replace(/\]/g, '%5D').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

export const azure: Reporter = (result, context) => {
  const lines: string[] = [];
  for (const m of result.messages) {
    if (m.suppressed) continue;
    const location = `sourcepath=${escapeAzure(ciPath(context, m.file))};linenumber=${m.line};columnnumber=${m.column};code=${escapeAzure(m.rule)};`;
    if (m.severity === 'info') {
      // Azure knows errors and warnings only: a hint is a plain log line.
      lines.push(`${escapeAzure(ciPath(context, m.file))}:${m.line}:${m.column} ${escapeAzure(m.message)} (${escapeAzure(m.rule)})`);
    } else {
      lines.push(`##vso[task.logissue type=${m.severity};${location}]${escapeAzure(m.message)}`);
    }
  }
  if (result.errors > 0) lines.push('##vso[task.complete result=Failed;]');
  return lines.length ? lines.join('\n') + '\n' : '';
};
