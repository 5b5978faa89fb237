/**
 * GitHub Actions workflow commands: one annotation per message, shown on the lines of the
 * pull request. Escaping follows actions/toolkit (command.ts): data escapes % CR LF,
 * properties also : and ,.
 */
import { t } from '../i18n/index.js';
import type { Reporter } from './types.js';
import { escapeText } from './escape.js';
import { ciPath } from './util.js';

export const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

const command = { error: 'error', warning: 'warning', info: 'notice' } as const;

export const github: Reporter = (result, context) => {
  const lines = result.messages
    .filter((m) => !m.suppressed)
    .map((m) => {
      const props = [
        `file=${escapeProperty(escapeText(ciPath(context, m.file)))}`,
        `line=${m.line}`,
        `endLine=${m.endLine}`,
        `col=${m.column}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(escapeText(t(context.lang, 'report.githubTitle', { rule: m.rule })))}`,
      ].join(',');
      return `::${command[m.severity]} ${props}::${escapeData(escapeText(m.message))}`;
    });
  return lines.length ? lines.join('\n') + '\n' : '';
};
