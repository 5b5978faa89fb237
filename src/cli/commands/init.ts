/**
 * `casebook init [dir]`: a new casebook folder with everything a team needs: casebook.yaml,
 * one example case, the schemas and settings for VS Code, a CI file for GitHub, GitLab or
 * Azure DevOps, and a .gitignore. `casebook init --update` refreshes the editor's copies.
 * `casebook new "<title>"`: a new case from a commented template.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { templateText } from '../../case/template.js';
import { CasebookError } from '../../errors.js';
import { plural, t } from '../../i18n/index.js';
import { packageRoot, schemasDir, templatesDir } from '../../paths.js';
import type { Lang } from '../../types.js';
import { slugify } from '../../util/slug.js';
import { writeFileAtomic } from '../../util/write.js';
import { suggest } from '../../util/suggest.js';
import { installSpec, version } from '../../version.js';
import { CI_FILES, SCHEMA_FILES, type CiPlatform } from '../copies.js';
import { choiceOf, type GlobalOptions, type Io, loadForCommand } from '../io.js';

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
  /** `github`, `gitlab`, `azure` or a comma list of them; default: the platform of the git remote, else GitHub. */
  ci?: string;
  /** Refresh the copied schemas and the VS Code settings of an existing casebook. */
  update?: boolean;
}

/** The folder `dir` is in, or its nearest existing parent (init may be about to create it). */
function existingFolder(dir: string): string {
  let folder = dir;
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}

/** The platform of the `origin` remote: GitLab and Azure DevOps by their host names, else undefined. */
export function platformOfRemote(url: string | undefined): CiPlatform | undefined {
  if (!url) return undefined;
  if (/gitlab/i.test(url)) return 'gitlab';
  if (/dev\.azure\.com|visualstudio\.com/i.test(url)) return 'azure';
  if (/github/i.test(url)) return 'github';
  return undefined;
}

export function chooseCi(requested: string | undefined, remote: string | undefined, lang: Lang): CiPlatform[] {
  if (requested === undefined) return [platformOfRemote(remote) ?? 'github'];
  const known = Object.keys(CI_FILES) as CiPlatform[];
  const asked = requested.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (asked.length === 1 && asked[0] === 'none') return [];
  for (const platform of asked) {
    if (!(known as string[]).includes(platform)) {
      const close = suggest(platform, known);
      throw new CasebookError(t(lang, close ? 'init.badCiSuggest' : 'init.badCi', { value: platform, suggestion: close, allowed: known.join(', ') }));
    }
  }
  return [...new Set(asked)] as CiPlatform[];
}

const git = (cwd: string, args: string[]) => {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', timeout: 10_000, windowsHide: true });
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
};

/** The files for the editor, as the package has them now. */
function editorFiles(): Record<string, string> {
  return {
    ...Object.fromEntries(SCHEMA_FILES.map((name) => [`schemas/${name}`, readFileSync(path.join(schemasDir, name), 'utf8')])),
    '.vscode/settings.json': scaffold('vscode-settings.json'),
    '.vscode/extensions.json': scaffold('vscode-extensions.json'),
  };
}

export async function initCommand(dir: string | undefined, options: InitOptions, io: Io): Promise<number> {
  const lang: Lang = options.lang ?? 'nl';
  const target = path.resolve(io.cwd, dir ?? '.');
  if (options.update) return updateCopies(target, options, io, lang);
  const output = 'dist';
  const near = existingFolder(target);
  const platforms = chooseCi(options.ci, git(near, ['remote', 'get-url', 'origin']), lang);
  // CI runs from the repository root: the casebook's folder as seen from there.
  const top = git(near, ['rev-parse', '--show-toplevel']);
  const inRepo = top ? path.relative(path.resolve(top), target).split(path.sep).join('/') : '';
  const ciDir = inRepo && !inRepo.startsWith('..') ? inRepo : '.';
  const files: Record<string, string> = {
    'casebook.yaml': fill(scaffold('casebook.yaml'), {
      title: quote(options.title ?? t(lang, 'init.defaultTitle')),
      organisation: quote(options.organisation ?? t(lang, 'init.defaultOrganisation')),
    }),
    // Its related cases are not in the new casebook, so that line goes.
    [EXAMPLE_CASE]: readFileSync(path.join(packageRoot, EXAMPLE_CASE), 'utf8').replace(/^related:.*\n/m, ''),
    ...editorFiles(),
    ...Object.fromEntries(platforms.map((p) => [CI_FILES[p].file, fill(scaffold(CI_FILES[p].template), { version, package: installSpec, output, dir: ciDir })])),
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
    // GitHub and GitLab read their file only at the repository root.
    const atRoot = platforms.filter((p) => p !== 'azure');
    if (ciDir !== '.' && atRoot.length > 0) {
      const params = { platforms: atRoot.map((p) => t(lang, `init.platformNames.${p}`)).join(lang === 'en' ? ' and ' : ' en '), files: atRoot.map((p) => CI_FILES[p].file).join(', '), dir: ciDir };
      io.stdout.write(plural(lang, 'init.moveCi', atRoot.length, params) + '\n');
    }
  }
  return 0;
}

/** VS Code settings with ours put in, the person's own kept (one level deep: their own schema mappings stay). */
export function mergeSettings(existing: string, ours: string): string | undefined {
  let theirs: unknown;
  try {
    theirs = JSON.parse(existing);
  } catch {
    return undefined;
  }
  if (typeof theirs !== 'object' || theirs === null || Array.isArray(theirs)) return undefined;
  const merged: Record<string, unknown> = { ...(theirs as Record<string, unknown>) };
  for (const [key, value] of Object.entries(JSON.parse(ours) as Record<string, unknown>)) {
    const old = merged[key];
    if (Array.isArray(value) && Array.isArray(old)) merged[key] = [...new Set([...old, ...value])];
    else if (value && typeof value === 'object' && !Array.isArray(value) && old && typeof old === 'object' && !Array.isArray(old)) merged[key] = { ...old, ...value };
    else merged[key] = value;
  }
  // Already in: the file stays as the person formatted it.
  if (JSON.stringify(merged) === JSON.stringify(theirs)) return existing;
  return JSON.stringify(merged, null, 2) + '\n';
}

/**
 * `casebook init --update`: the schemas and VS Code settings as this version has them.
 * Never the cases, casebook.yaml or the CI files, which are the team's own.
 */
async function updateCopies(target: string, options: InitOptions, io: Io, lang: Lang): Promise<number> {
  if (!existsSync(path.join(target, 'casebook.yaml'))) throw new CasebookError(t(lang, 'init.updateNoCasebook', { dir: path.relative(io.cwd, target) || '.' }));
  const changed: string[] = [];
  const kept: string[] = [];
  for (const [name, ours] of Object.entries(editorFiles())) {
    const file = path.join(target, name);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const after = before === undefined || name.startsWith('schemas/') ? ours : mergeSettings(before, ours);
    if (after === undefined) {
      kept.push(name);
      continue;
    }
    if (after === before) continue;
    await writeFileAtomic(file, after);
    changed.push(name);
  }
  if (!options.quiet) {
    const list = (names: string[]) => names.map((f) => `  ${f}`).join('\n');
    io.stdout.write(t(lang, changed.length ? 'init.updated' : 'init.upToDate', { version, files: list(changed) }) + '\n');
    if (kept.length) io.stdout.write(t(lang, 'init.updateUnreadable', { files: kept.join(', ') }) + '\n');
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
    const chosen = choiceOf(value, list);
    if (chosen !== undefined) return chosen;
    const close = suggest(value, list);
    throw new CasebookError(t(lang, close ? 'new.unknownSuggest' : 'new.unknown', { kind: t(lang, `schema.kinds.${kind}`), value, suggestion: close, allowed: list.join(', ') }));
  };
  const domain = checkId(options.domain ?? config.domains[0]!.id, config.domains.map((d) => d.id), 'domain');
  const role = options.role === undefined ? undefined : checkId(options.role, config.roles.map((r) => r.id), 'role');
  const taken = casebook.cases.find((c) => c.id === id);
  if (taken) throw new CasebookError(t(lang, 'new.idTaken', { id, file: path.relative(io.cwd, taken.path) || taken.path }));

  // Into the first case folder of casebook.yaml (a glob's fixed start), in a domain folder.
  const first = config.cases[0] ?? 'cases';
  const base = first.split('/').filter((part) => !/[*?[\]{}!]/.test(part)).join('/') || 'cases';
  const file = path.join(config.root, base, domain, `${id}.yaml`);
  if (existsSync(file)) throw new CasebookError(t(lang, 'new.exists', { file: path.relative(io.cwd, file) }));

  const localSchema = path.join(config.root, 'schemas', 'case.schema.json');
  const schema = path.relative(path.dirname(file), existsSync(localSchema) ? localSchema : path.join(schemasDir, 'case.schema.json')).split(path.sep).join('/');
  const date = new Date().toISOString().slice(0, 10);
  const roleLine = role ? `role: ${role}` : `# role: ${config.roles[0]?.id ?? 'wmo-consulent'}`;
  // The text to replace comes from the list the completeness check uses (src/case/template.ts).
  const placeholders = Object.fromEntries(Object.entries(templateText(config.language)).map(([name, text]) => [`text_${name}`, text]));
  const text = fill(scaffold('new-case.yaml'), { ...placeholders, schema, id, title: quote(trimmed), domain, role: roleLine, date, authors: t(lang, 'new.defaultAuthor') });
  await writeFileAtomic(file, text);
  if (!options.quiet) {
    io.stdout.write(t(lang, 'new.done', { file: path.relative(io.cwd, file) }) + '\n');
    // A case about debts silently filed under wmo would be found in the wrong chapter only in the book.
    const others = config.domains.map((d) => d.id).filter((d) => d !== domain);
    if (options.domain === undefined && others.length) io.stdout.write(t(lang, 'new.defaultDomain', { domain, others: others.join(', ') }) + '\n');
  }
  return 0;
}
