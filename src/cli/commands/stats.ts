/** `casebook stats`: what the casebook covers, per domain, status, role and value. */
import { plural, t } from '../../i18n/index.js';
import { escapeText } from '../../report/escape.js';
import { casebookStats, type CasebookStats } from '../../stats/index.js';
import type { Casebook, Lang } from '../../types.js';
import { CasebookError } from '../../errors.js';
import { choiceOf, didYouMean, type GlobalOptions, type Io, loadForCommand } from '../io.js';

export interface StatsOptions extends GlobalOptions {
  format?: string;
  drafts?: boolean;
}

function table(rows: Array<[string, number]>, indent = '  '): string {
  const width = Math.max(0, ...rows.map(([label]) => [...label].length));
  return rows.map(([label, n]) => `${indent}${escapeText(label).padEnd(width)}  ${String(n).padStart(4)}`).join('\n');
}

export function statsText(stats: CasebookStats, casebook: Casebook, lang: Lang): string {
  const lines: string[] = [];
  const domainLabel = new Map(casebook.config.domains.map((d) => [d.id, d.label]));
  const roleLabel = new Map(casebook.config.roles.map((r) => [r.id, r.label]));
  const valueLabel = new Map(casebook.values.values.map((v) => [v.id, v.label[lang]]));
  lines.push(t(lang, 'stats.heading', { title: escapeText(casebook.config.title), cases: plural(lang, 'stats.cases', stats.cases) }));
  // Which cases were counted, so the numbers can be set beside the book's.
  lines.push(stats.drafts ? t(lang, 'stats.countedWithDrafts') : stats.leftOut > 0 ? plural(lang, 'stats.countedWithoutDrafts', stats.leftOut) : t(lang, 'stats.counted'));
  if (stats.unreadable) lines.push(plural(lang, 'stats.unreadable', stats.unreadable));
  const section = (key: string, rows: Array<[string, number]>) => lines.push('', t(lang, `stats.${key}`), table(rows));
  section('byDomain', Object.entries(stats.byDomain).map(([id, n]) => [domainLabel.get(id) ?? id, n]));
  section('byStatus', Object.entries(stats.byStatus).map(([id, n]) => [t(lang, `stats.status.${id}`), n]));
  section('byRole', Object.entries(stats.byRole).filter(([, n]) => n > 0).map(([id, n]) => [roleLabel.get(id) ?? id, n]));
  section('byValue', Object.entries(stats.byValue).map(([id, n]) => [valueLabel.get(id) ?? id, n]));
  lines.push('', stats.uncoveredValues.length
    ? t(lang, 'stats.uncovered', { values: escapeText(stats.uncoveredValues.map((id) => valueLabel.get(id) ?? id).join(', ')) })
    : t(lang, 'stats.allCovered'));
  // The matrix with domain ids as column heads: labels would make it too wide for a terminal.
  const domains = casebook.config.domains.map((d) => d.id);
  const rowWidth = Math.max(...casebook.values.values.map((v) => [...v.id].length));
  const widths = domains.map((d) => Math.max(3, d.length));
  lines.push('', t(lang, 'stats.matrix'));
  lines.push('  ' + ''.padEnd(rowWidth) + domains.map((d, i) => '  ' + escapeText(d).padStart(widths[i]!)).join(''));
  for (const value of casebook.values.values) {
    const row = stats.matrix[value.id] ?? {};
    lines.push('  ' + escapeText(value.id).padEnd(rowWidth) + domains.map((d, i) => '  ' + (row[d] ? String(row[d]) : '·').padStart(widths[i]!)).join(''));
  }
  return lines.join('\n') + '\n';
}

const STATS_FORMATS = ['text', 'json'] as const;

export async function statsCommand(options: StatsOptions, io: Io): Promise<number> {
  const format = choiceOf(options.format ?? 'text', STATS_FORMATS);
  if (format === undefined) {
    const typed = options.format ?? '';
    throw new CasebookError(t(options.lang ?? 'nl', 'cli.badFormat', { format: typed, allowed: STATS_FORMATS.join(', ') }) + didYouMean(typed, STATS_FORMATS, options.lang ?? 'nl'));
  }
  const casebook = await loadForCommand(options, io);
  const lang = options.lang ?? casebook.config.language;
  const stats = casebookStats(casebook, options.drafts ? { drafts: true } : {});
  io.stdout.write(format === 'json' ? JSON.stringify(stats, null, 2) + '\n' : statsText(stats, casebook, lang));
  return 0;
}
