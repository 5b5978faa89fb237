/** SARIF 2.1.0, for GitHub code scanning and other security dashboards. */
import type { Reporter } from './types.js';
import { ciPath } from './util.js';

const level = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A relative path as SARIF wants it: a percent-encoded URI reference (`cases/a%20b.yaml`). */
export const uriReference = (relative: string) => relative.split('/').map(encodeURIComponent).join('/');

export const sarif: Reporter = (result, context) => {
  const ruleIds = [...new Set(result.messages.map((m) => m.rule))].sort();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'casebook',
            version: context.version,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: context.ruleDescription(id) } })),
          },
        },
        results: result.messages.map((m) => ({
          ruleId: m.rule,
          ruleIndex: ruleIds.indexOf(m.rule),
          level: level[m.severity],
          message: { text: m.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriReference(ciPath(context, m.file)) },
                region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
              },
            },
          ],
          ...(m.suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
