/**
 * `casebook import`: an existing casebook (Word, Markdown or HTML) into draft case files.
 * read → split into cases → each case's sections to fields → an id, a folder and a file
 * that never replaces one → the privacy check and the tagger's suggestions on what came in.
 * The files are returned, not written: the caller writes them all or none.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, visit, type Pair, type Scalar } from 'yaml';
import { CasebookError } from '../errors.js';
import { isInsideReal } from '../load/contain.js';
import { t } from '../i18n/index.js';
import { scanText } from '../privacy/index.js';
import { schemasDir } from '../paths.js';
import { tagCase } from '../tag/index.js';
import type { CaseFile, Casebook, Lang } from '../types.js';
import { slugify } from '../util/slug.js';
import { suggest } from '../util/suggest.js';
import { readCase, type ImportedCase } from './case.js';
import { readSource, type SourceKind } from './read.js';
import { normalizeHeading } from './sections.js';
import { chooseLevel, flatten, splitCases, type SplitResult } from './split.js';

export interface ImportOptions {
  /** The heading level the cases start at; default: chosen from the document. */
  splitOn?: number;
  /** The domain of every case; default: guessed per case. */
  domain?: string;
  lang: Lang;
}

export interface PrivacyFinding {
  field: string;
  rule: string;
  message: string;
}

export interface ImportedFile {
  case: ImportedCase;
  id: string;
  domain: string;
  /** Absolute path of the new case file. */
  file: string;
  text: string;
  privacy: PrivacyFinding[];
  suggestions: Array<{ id: string; score: number }>;
  /** Related titles that are no case here: kept in the situation. */
  unresolvedRelated: string[];
}

export interface ImportResult {
  source: string;
  kind: SourceKind;
  level: number;
  levelChosen: boolean;
  files: ImportedFile[];
  skipped: SplitResult['skipped'];
}

const TEXT_FIELDS = ['situation', 'request', 'effect', 'purpose', 'dilemma', 'consequences', 'decision', 'outcome'] as const;

export async function importFile(casebook: Casebook, source: string, options: ImportOptions): Promise<ImportResult> {
  const { lang } = options;
  const { config } = casebook;
  const domainIds = config.domains.map((d) => d.id);
  if (options.domain !== undefined && !domainIds.includes(options.domain)) {
    const close = suggest(options.domain, domainIds);
    throw new CasebookError(t(lang, close ? 'import.unknownDomainSuggest' : 'import.unknownDomain', { value: options.domain, suggestion: close, allowed: domainIds.join(', ') }));
  }
  if (options.splitOn !== undefined && !(options.splitOn >= 1 && options.splitOn <= 6)) throw new CasebookError(t(lang, 'import.badLevel', { value: options.splitOn }));

  const read = await readSource(source, lang);
  const items = flatten(read.html);
  const level = options.splitOn ?? chooseLevel(items);
  if (level === undefined) throw new CasebookError(t(lang, 'import.noHeadings', { file: path.basename(source) }));
  const split = splitCases(items, level);
  if (split.cases.length === 0) throw new CasebookError(t(lang, 'import.noCases', { file: path.basename(source), level }));
  const cases = split.cases.map((chunk) => readCase(chunk, casebook));

  const fallbackDomain = options.domain ?? (domainIds.includes('integraal') ? 'integraal' : domainIds[0]!);
  const taken = new Set(casebook.cases.map((c) => c.id));
  const first = config.cases[0] ?? 'cases';
  const base = first.split('/').filter((part) => !/[*?[\]{}!]/.test(part)).join('/') || 'cases';
  const planned = cases.map((imported) => {
    const domains = options.domain ? [options.domain] : imported.domains.length > 0 ? imported.domains : [fallbackDomain];
    const domain = domains[0]!;
    const stem = [domain, titleSlug(imported.title)].join('-');
    let id = stem;
    const fileFor = (candidate: string) => path.join(config.root, base, domain, `${candidate}.yaml`);
    // A case folder that is a link out of the casebook is not written into.
    if (!isInsideReal(config.root, path.dirname(fileFor(stem)))) throw new CasebookError(t(lang, 'import.outside', { dir: path.join(base, domain) }));
    for (let n = 2; taken.has(id) || existsSync(fileFor(id)); n++) id = `${stem}-${n}`;
    taken.add(id);
    return { imported, domains, domain, id, file: fileFor(id) };
  });

  // Related cases by title: this import's cases first, then the casebook's own.
  const byTitle = new Map<string, string>();
  for (const c of casebook.cases) if (typeof c.data?.title === 'string') byTitle.set(normalizeHeading(c.data.title), c.id);
  for (const p of planned) byTitle.set(normalizeHeading(p.imported.title), p.id);

  const sourceName = path.basename(source);
  const files = planned.map(({ imported, domains, domain, id, file }): ImportedFile => {
    const related: string[] = [];
    const unresolved: string[] = [];
    for (const title of imported.related) {
      const target = byTitle.get(normalizeHeading(title));
      if (target && target !== id) related.push(target);
      else unresolved.push(title);
    }
    const data = caseData(imported, id, domains, related, unresolved, lang);
    const privacy = privacyFindings(data, casebook, lang);
    const tags = tagCase({ path: file, id, data, text: undefined, doc: undefined, messages: [] } as unknown as CaseFile, casebook.values, { threshold: config.tagging.threshold });
    const suggestions = tags.suggestions.map((s) => ({ id: s.id, score: s.score }));
    const schema = path.relative(path.dirname(file), existsSync(path.join(config.root, 'schemas', 'case.schema.json')) ? path.join(config.root, 'schemas', 'case.schema.json') : path.join(schemasDir, 'case.schema.json')).split(path.sep).join('/');
    const header = [
      `yaml-language-server: $schema=${schema}`,
      t(lang, 'import.comment.source', { file: sourceName, heading: oneLine(imported.heading) }),
      t(lang, `import.comment.domain.${options.domain ? 'given' : imported.domainFrom}`, { domain }),
      ...(privacy.length > 0 ? [t(lang, 'import.comment.privacy', { count: privacy.length })] : []),
    ];
    const text = caseYaml(data, header, suggestions, casebook, lang);
    return { case: imported, id, domain, file, text, privacy, suggestions, unresolvedRelated: unresolved };
  });
  return { source, kind: read.kind, level, levelChosen: options.splitOn === undefined, files, skipped: split.skipped };
}

/** Words of the title, at most 60 characters, cut between words. */
function titleSlug(title: string): string {
  const slug = slugify(title, 200) || 'casus';
  if (slug.length <= 60) return slug;
  const cut = slug.slice(0, 61);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 60);
}

const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');

/** The case in the format's key order, as a draft. Required text that the source lacks gets a placeholder. */
function caseData(imported: ImportedCase, id: string, domains: string[], related: string[], unresolved: string[], lang: Lang): Record<string, unknown> {
  const data: Record<string, unknown> = { id, title: imported.title, status: 'draft', domains };
  if (imported.role) data.role = imported.role;
  if (imported.summary) data.summary = imported.summary;
  if (imported.date) data.date = imported.date;
  if (imported.authors?.length) data.authors = imported.authors;
  let situation = imported.text.situation;
  if (unresolved.length > 0) {
    const list = unresolved.map((title) => `- ${title}`).join('\n');
    situation = `${situation ? `${situation}\n\n` : ''}### ${t(lang, 'import.relatedHeading')}\n\n${list}`;
  }
  for (const field of TEXT_FIELDS) {
    const value = field === 'situation' ? situation : imported.text[field];
    if (value) data[field] = value;
    else if (field === 'situation' || field === 'dilemma') data[field] = t(lang, `import.placeholder.${field}`);
    if (field === 'dilemma' && imported.options.length > 0) data.options = imported.options;
    if (field === 'consequences' && imported.legal.length > 0) data.legal = imported.legal;
  }
  if (imported.options.length > 0 && !('options' in data)) data.options = imported.options;
  if (imported.legal.length > 0 && !('legal' in data)) data.legal = imported.legal;
  if (imported.lessons.length > 0) data.lessons = imported.lessons;
  if (imported.questions.length > 0) data.questions = imported.questions;
  data.values = imported.values.map((v) => (v.why ? { id: v.id, why: v.why } : v.id));
  if (related.length > 0) data.related = related;
  return data;
}

/** Every text of the case through the privacy rules, as `validate` would check it. */
function privacyFindings(data: Record<string, unknown>, casebook: Casebook, lang: Lang): PrivacyFinding[] {
  const findings: PrivacyFinding[] = [];
  const visit = (value: unknown, field: string) => {
    if (typeof value === 'string') {
      for (const found of scanText(value, { privacy: casebook.config.privacy })) {
        if (found.suppressed) continue;
        findings.push({ field, rule: found.rule.startsWith('privacy/') ? found.rule : `privacy/${found.rule}`, message: t(lang, `privacy.${found.message}`, { value: found.shown, ...(found.params ?? {}) }) });
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${field}/${i}`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, `${field}/${k}`);
  };
  for (const [key, value] of Object.entries(data)) if (!['id', 'status', 'domains', 'role', 'date', 'related'].includes(key)) visit(value, key);
  return findings;
}

/** The YAML text: comments on top, block scalars for text, the tagger's suggestions as a comment at `values`. */
function caseYaml(data: Record<string, unknown>, header: string[], suggestions: Array<{ id: string; score: number }>, casebook: Casebook, lang: Lang): string {
  const doc = new Document(data);
  doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items as Array<Pair<Scalar, unknown>>) {
      const key = pair.key;
      if (isScalar(key) && key.value === 'values') {
        const labels = suggestions.map((s) => `${s.id} (${s.score.toFixed(2)})`).join(', ');
        key.commentBefore = ` ${suggestions.length > 0 ? t(lang, 'import.comment.suggestions', { values: labels }) : t(lang, 'import.comment.noSuggestions')}`;
        if (Array.isArray(data.values) && data.values.length === 0) key.spaceBefore = true;
      }
      if (isScalar(key) && key.value === 'legal' && isSeq(pair.value)) {
        for (const item of pair.value.items) {
          const article = isMap(item) ? item.get('article', true) : undefined;
          if (isScalar(article)) article.type = 'QUOTE_DOUBLE';
        }
      }
      if (isScalar(key) && ['situation', 'options', 'legal', 'values', 'lessons', 'questions', 'related', 'decision'].includes(String(key.value))) key.spaceBefore = true;
    }
  }
  // Scalars that YAML 1.1 readers (and people) would take for yes/no, a number or a date stay text.
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && !node.type && /^(y|n|yes|no|on|off|true|false|null|~|[-+.\d][\d.:_eE+-]*)$/i.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  void casebook;
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true });
}
