/**
 * `casebook init [dir]`: a new casebook folder with everything a team needs: casebook.yaml,
 * one example case, the schemas for VS Code, CI for GitHub and GitLab, and a .gitignore.
 * `casebook new "<title>"`: a new case from a commented template.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CasebookError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { packageRoot, schemasDir, templatesDir } from '../../paths.js';
import type { Lang } from '../../types.js';
import { slugify } from '../../util/slug.js';
import { writeFileAtomic } from '../../util/write.js';
import { suggest } from '../../util/suggest.js';
import { version } from '../../version.js';
import { type GlobalOptions, type Io, loadForCommand } from '../io.js';

const scaffold = (name: string) => readFileSync(path.join(templatesDir, 'init', name), 'utf8');
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
/** A YAML scalar that is safe whatever the text: JSON strings are valid YAML. */
const quote = (text: string) => (/^[\p{L}\p{N}][\p{L}\p{N} ,.'()-]*$/u.test(text) && !/: |\s#/.test(text) ? text : JSON.stringify(text));

/** The case that `init` puts in cases/ as an example to copy from. */
const EXAMPLE_CASE = path.join('cases', 'wmo', 'wmo-traplift-of-verhuizen.yaml');

export interface InitOptions extends GlobalOptions {
  force?: boolean;
  title?: string;
  organisation?: string;
}

export async function initCommand(dir: string | undefined, options: InitOptions, io: Io): Promise<number> {
  const lang: Lang = options.lang ?? 'nl';
  const target = path.resolve(io.cwd, dir ?? '.');
  const output = 'dist';
  const files: Record<string, string> = {
    'casebook.yaml': fill(scaffold('casebook.yaml'), {
      title: quote(options.title ?? t(lang, 'init.defaultTitle')),
      organisation: quote(options.organisation ?? t(lang, 'init.defaultOrganisation')),
    }),
    // Its related cases are not in the new casebook, so that line goes.
    [EXAMPLE_CASE]: readFileSync(path.join(packageRoot, EXAMPLE_CASE), 'utf8').replace(/^related:.*\n/m, ''),
    'schemas/case.schema.json': readFileSync(path.join(schemasDir, 'case.schema.json'), 'utf8'),
    'schemas/casebook.schema.json': readFileSync(path.join(schemasDir, 'casebook.schema.json'), 'utf8'),
    'schemas/values.schema.json': readFileSync(path.join(schemasDir, 'values.schema.json'), 'utf8'),
    '.vscode/settings.json': scaffold('vscode-settings.json'),
    '.github/workflows/casebook.yml': fill(scaffold('github-workflow.yml'), { version, output }),
    '.gitlab-ci.yml': fill(scaffold('gitlab-ci.yml'), { version, output }),
    '.gitignore': fill(scaffold('gitignore'), { output }),
  };
  const existing = Object.keys(files).filter((name) => existsSync(path.join(target, name)));
  if (existing.length > 0 && !options.force) {
    throw new CasebookError(t(lang, 'init.exists', { files: existing.join(', ') }));
  }
  for (const [name, content] of Object.entries(files)) await writeFileAtomic(path.join(target, name), content);
  if (!options.quiet) {
    const shown = path.relative(io.cwd, target) || '.';
    io.stdout.write(t(lang, 'init.done', { dir: shown, files: Object.keys(files).map((f) => `  ${f}`).join('\n') }) + '\n');
  }
  return 0;
}

export interface NewOptions extends GlobalOptions {
  domain?: string;
  role?: string;
}

export async function newCommand(title: string, options: NewOptions, io: Io): Promise<number> {
  const casebook = await loadForCommand(options, io);
  const lang = options.lang ?? casebook.config.language;
  const { config } = casebook;
  const trimmed = title.trim();
  if ([...trimmed].length < 5 || [...trimmed].length > 140) throw new CasebookError(t(lang, 'new.badTitle', { length: [...trimmed].length }));
  const id = slugify(trimmed);
  if (!id) throw new CasebookError(t(lang, 'new.badTitle', { length: 0 }));
  const checkId = (value: string, list: string[], kind: string) => {
    if (list.includes(value)) return value;
    const close = suggest(value, list);
    throw new CasebookError(t(lang, close ? 'new.unknownSuggest' : 'new.unknown', { kind: t(lang, `schema.kinds.${kind}`), value, suggestion: close, allowed: list.join(', ') }));
  };
  const domain = checkId(options.domain ?? config.domains[0]!.id, config.domains.map((d) => d.id), 'domain');
  const role = options.role === undefined ? undefined : checkId(options.role, config.roles.map((r) => r.id), 'role');
  if (casebook.cases.some((c) => c.id === id)) throw new CasebookError(t(lang, 'new.idTaken', { id }));

  // Into the first case folder of casebook.yaml (a glob's fixed start), in a domain folder.
  const first = config.cases[0] ?? 'cases';
  const base = first.split('/').filter((part) => !/[*?[\]{}!]/.test(part)).join('/') || 'cases';
  const file = path.join(config.root, base, domain, `${id}.yaml`);
  if (existsSync(file)) throw new CasebookError(t(lang, 'new.exists', { file: path.relative(io.cwd, file) }));

  const localSchema = path.join(config.root, 'schemas', 'case.schema.json');
  const schema = path.relative(path.dirname(file), existsSync(localSchema) ? localSchema : path.join(schemasDir, 'case.schema.json')).split(path.sep).join('/');
  const date = new Date().toISOString().slice(0, 10);
  const roleLine = role ? `role: ${role}` : `# role: ${config.roles[0]?.id ?? 'wmo-consulent'}`;
  const text = fill(scaffold('new-case.yaml'), { schema, id, title: quote(trimmed), domain, role: roleLine, date, authors: t(lang, 'new.defaultAuthor') });
  await writeFileAtomic(file, text);
  if (!options.quiet) io.stdout.write(t(lang, 'new.done', { file: path.relative(io.cwd, file) }) + '\n');
  return 0;
}
