/**
 * `casebook init --ci github|gitlab|azure`: the CI files parse as YAML, install casebook the
 * way the README says (pinned to this version, Node 22), use current action majors, and the
 * casebook commands in them run (in-process). `init --update` refreshes the editor's copies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chooseCi, mergeSettings, platformOfRemote } from '../../src/cli/commands/init.js';
import { runCli } from '../../src/cli/main.js';
import { installSpec, version } from '../../src/version.js';
import { makeTree, repoRoot } from '../helpers.js';

/** The CLI in this process, as a user would call it. */
async function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { NO_COLOR: '1', ...env },
    cwd,
  });
  return { code, stdout, stderr };
}

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

/** The casebook commands of a CI file (`casebook …`, without a shell's `|| true`), as argument lists. */
function casebookCommands(lines: string[]): string[][] {
  return lines
    .flatMap((line) => line.split('\n'))
    .map((line) => line.trim().replace(/\s*\|\|\s*true$/, ''))
    .filter((line) => line.startsWith('casebook '))
    .map((line) => line.split(/\s+/).slice(1));
}

/** Runs a CI file's casebook commands in the casebook (build: the HTML only, the PDF is the build tests' work). */
async function runCommands(commands: string[][], dir: string, env: NodeJS.ProcessEnv) {
  for (const args of commands) {
    const run = args[0] === 'build' ? [...args, '--format', 'html'] : args;
    const result = await cli(run, dir, env);
    expect(result.code, `casebook ${run.join(' ')}: ${result.stderr}`).toBe(0);
  }
}

describe('the install command', () => {
  it('is the same in the README, the package and every CI file: git+https at the tag of this version', () => {
    expect(installSpec).toBe(`git+https://github.com/casusboek/casebook.git#v${version}`);
    expect(readme).toContain(`npm install --global ${installSpec}`);
  });
});

describe('the README', () => {
  it('shows, per platform, exactly the CI file init writes', async () => {
    const dir = makeTree({});
    await cli(['init', '--ci', 'github,gitlab,azure', '-q'], dir);
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    for (const file of ['.github/workflows/casebook.yml', '.gitlab-ci.yml', 'azure-pipelines.yml']) expect(blocks, file).toContain(read(dir, file));
  });
});

describe('casebook init --ci', () => {
  it('github: a workflow on Node 22 with current actions, the README install, and commands that run', async () => {
    const dir = makeTree({});
    expect((await cli(['init', '--ci', 'github', '-q'], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, '.gitlab-ci.yml'))).toBe(false);
    expect(existsSync(path.join(dir, 'azure-pipelines.yml'))).toBe(false);
    const workflow = parse(read(dir, '.github/workflows/casebook.yml'));
    expect(Object.keys(workflow.on)).toEqual(['push', 'pull_request']);
    expect(workflow.env.CASEBOOK_PACKAGE).toBe(installSpec);
    const steps = workflow.jobs.casebook.steps as Array<{ run?: string; uses?: string; with?: Record<string, unknown> }>;
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/checkout@v7', 'actions/setup-node@v6', 'actions/upload-artifact@v7']);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(22);
    const runs = steps.map((s) => s.run).filter((r): r is string => Boolean(r));
    expect(runs[0]).toBe('npm install --global "$CASEBOOK_PACKAGE"');
    expect(casebookCommands(runs)).toEqual([['validate'], ['build']]);
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).toBe('./dist/');
    // Under GitHub Actions validate annotates the lines.
    const validate = await cli(['validate'], dir, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir });
    expect(validate.code).toBe(0);
    await runCommands(casebookCommands(runs), dir, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir });
    expect(existsSync(path.join(dir, 'dist', 'casusboek-sociaal-domein.html'))).toBe(true);
  });

  it('gitlab: Node 22, the README install, Code Quality and JUnit reports that the commands really write', async () => {
    const dir = makeTree({});
    expect((await cli(['init', '--ci', 'gitlab', '-q'], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, '.github'))).toBe(false);
    const job = parse(read(dir, '.gitlab-ci.yml')).casebook;
    expect(job.image).toBe('node:22-bookworm');
    expect(job.variables.CASEBOOK_PACKAGE).toBe(installSpec);
    expect(job.before_script).toContain('npm install --global "$CASEBOOK_PACKAGE"');
    expect(job.artifacts.reports).toEqual({ junit: './casebook-junit.xml', codequality: './casebook-codequality.json' });
    const commands = casebookCommands(job.script);
    expect(commands.map((c) => c[0])).toEqual(['validate', 'validate', 'build']);
    await runCommands(commands, dir, { CI_PROJECT_DIR: dir });
    expect(JSON.parse(read(dir, 'casebook-codequality.json'))).toEqual([]);
    expect(read(dir, 'casebook-junit.xml')).toContain('<testcase classname="cases/wmo/wmo-traplift-of-verhuizen.yaml" name="casebook validate"/>');
  });

  it('azure: azure-pipelines.yml on Node 22 with annotations, test results and the book as a pipeline artifact', async () => {
    const dir = makeTree({});
    expect((await cli(['init', '--ci', 'azure', '-q'], dir)).code).toBe(0);
    const pipeline = parse(read(dir, 'azure-pipelines.yml'));
    expect(pipeline.pool.vmImage).toBe('ubuntu-latest');
    expect(pipeline.variables.CASEBOOK_PACKAGE).toBe(installSpec);
    const steps = pipeline.steps as Array<{ script?: string; task?: string; inputs?: Record<string, string> }>;
    expect(steps.find((s) => s.task === 'UseNode@1')?.inputs?.version).toBe('22.x');
    expect(steps.map((s) => s.script).filter(Boolean)[0]).toBe('npm install --global "$(CASEBOOK_PACKAGE)"');
    expect(steps.find((s) => s.task === 'PublishTestResults@2')?.inputs).toMatchObject({ testResultsFormat: 'JUnit', testResultsFiles: './casebook-junit.xml' });
    expect(steps.find((s) => s.task === 'PublishPipelineArtifact@1')?.inputs).toEqual({ targetPath: './dist', artifact: 'casusboek' });
    const commands = casebookCommands(steps.map((s) => s.script ?? ''));
    expect(commands).toEqual([['validate', '--format', 'junit', '--output-file', 'casebook-junit.xml'], ['validate', '--format', 'azure'], ['build']]);
    await runCommands(commands, dir, { TF_BUILD: 'True', BUILD_SOURCESDIRECTORY: dir });
    expect(existsSync(path.join(dir, 'casebook-junit.xml'))).toBe(true);
  });

  it('in a subfolder of a repository: the paths in the CI file start at the repository root, and init says to move it', async () => {
    const repo = makeTree({});
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['remote', 'add', 'origin', 'https://dev.azure.com/gemeente/sociaal/_git/casusboek'], { cwd: repo });
    const result = await cli(['init', 'docs/casusboek', '--ci', 'github,gitlab'], repo);
    expect(result.code).toBe(0);
    const book = path.join(repo, 'docs', 'casusboek');
    expect(parse(read(book, '.github/workflows/casebook.yml')).jobs.casebook.defaults.run['working-directory']).toBe('docs/casusboek');
    expect(parse(read(book, '.gitlab-ci.yml')).casebook.artifacts.reports.junit).toBe('docs/casusboek/casebook-junit.xml');
    expect(result.stdout).toContain('GitHub en GitLab lezen .github/workflows/casebook.yml, .gitlab-ci.yml alleen in de hoofdmap van de repository: verplaats de bestanden daarheen (ze verwijzen al naar docs/casusboek)');
    // Outside CI, git finds the root: every CI format names docs/casusboek/… .
    writeFileSync(path.join(book, 'cases/wmo/kapot.yaml'), 'title: Een kapotte casus\nstatus: draft\ndomains: [wmoo]\nsituation: x\ndilemma: y\n');
    const azure = await cli(['validate', '--format', 'azure'], book);
    expect(azure.code).toBe(1);
    expect(azure.stdout).toContain('sourcepath=docs/casusboek/cases/wmo/kapot.yaml;linenumber=3;');
    const gitlab = await cli(['validate', '--format', 'gitlab'], book);
    expect(JSON.parse(gitlab.stdout)[0].location).toEqual({ path: 'docs/casusboek/cases/wmo/kapot.yaml', lines: { begin: 3 } });
    const sarif = JSON.parse((await cli(['validate', '--format', 'sarif'], book)).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('docs/casusboek/cases/wmo/kapot.yaml');
    const github = await cli(['validate', '--format', 'github'], book);
    expect(github.stdout).toContain('::error file=docs/casusboek/cases/wmo/kapot.yaml,line=3');
    // The readable report stays relative to where the person stands.
    expect(github.stdout).toMatch(/^cases\/wmo\/kapot\.yaml$/m);
    // Without --ci, the remote decides: Azure DevOps here.
    const other = path.join(repo, 'ander');
    expect((await cli(['init', 'ander', '-q'], repo)).code).toBe(0);
    expect(parse(read(other, 'azure-pipelines.yml')).steps.find((s: { task?: string }) => s.task === 'PublishPipelineArtifact@1').inputs.targetPath).toBe('ander/dist');
  });

  it('knows the platforms by name and by remote, and suggests the one meant', async () => {
    expect(platformOfRemote('git@gitlab.gemeente.nl:sociaal/casusboek.git')).toBe('gitlab');
    expect(platformOfRemote('https://gemeente.visualstudio.com/Sociaal/_git/casusboek')).toBe('azure');
    expect(platformOfRemote('https://github.com/gemeente/casusboek')).toBe('github');
    expect(platformOfRemote(undefined)).toBeUndefined();
    expect(chooseCi(undefined, undefined, 'nl')).toEqual(['github']);
    expect(chooseCi('none', undefined, 'nl')).toEqual([]);
    expect(chooseCi('Azure, gitlab', undefined, 'nl')).toEqual(['azure', 'gitlab']);
    const bad = await cli(['init', '--ci', 'gitlba'], makeTree({}));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'gitlba' is geen CI-platform dat casebook kent; bedoelde je 'gitlab'?");
  });
});

describe('editor files', () => {
  it('init recommends the YAML extension in .vscode/extensions.json', async () => {
    const dir = makeTree({});
    await cli(['init', '-q'], dir);
    expect(JSON.parse(read(dir, '.vscode/extensions.json'))).toEqual({ recommendations: ['redhat.vscode-yaml'] });
  });

  it('validate and doctor warn when the copied schemas are stale; init --update refreshes them and the settings, nothing else', async () => {
    const dir = makeTree({});
    await cli(['init', '-q'], dir);
    const clean = await cli(['validate'], dir);
    expect(clean.stderr).toBe('');
    writeFileSync(path.join(dir, 'schemas/case.schema.json'), '{"old": true}\n');
    writeFileSync(path.join(dir, '.vscode/settings.json'), '{"editor.fontSize": 15, "yaml.schemas": {"./eigen.json": "x.yaml"}}\n');
    writeFileSync(path.join(dir, '.vscode/extensions.json'), '{"recommendations": ["ms-vscode.powershell"]}\n');
    const caseFile = 'cases/wmo/wmo-traplift-of-verhuizen.yaml';
    const before = { config: read(dir, 'casebook.yaml'), case: read(dir, caseFile), ci: read(dir, '.github/workflows/casebook.yml') };
    const stale = await cli(['validate', '--format', 'json'], dir);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toContain("schemas/case.schema.json) zijn van een andere casebook-versie");
    expect(stale.stderr).toContain('casebook init --update');
    expect(JSON.parse(stale.stdout).errors).toBe(0);
    const doctor = await cli(['doctor', '--lang', 'en'], dir);
    expect(doctor.stdout).toContain("⚠ Schemas for the editor are out of date: schemas/case.schema.json");

    const update = await cli(['init', '--update'], dir);
    expect(update.code).toBe(0);
    expect(update.stdout).toBe(`Ververst naar casebook ${version}:\n  schemas/case.schema.json\n  .vscode/settings.json\n  .vscode/extensions.json\n`);
    expect(read(dir, 'schemas/case.schema.json')).toBe(readFileSync(path.join(repoRoot, 'schemas/case.schema.json'), 'utf8'));
    const settings = JSON.parse(read(dir, '.vscode/settings.json'));
    expect(settings['editor.fontSize']).toBe(15);
    expect(settings['yaml.schemas']['./eigen.json']).toBe('x.yaml');
    expect(settings['yaml.schemas']['./schemas/case.schema.json']).toContain('cases/**/*.yaml');
    expect(JSON.parse(read(dir, '.vscode/extensions.json')).recommendations).toEqual(['ms-vscode.powershell', 'redhat.vscode-yaml']);
    expect({ config: read(dir, 'casebook.yaml'), case: read(dir, caseFile), ci: read(dir, '.github/workflows/casebook.yml') }).toEqual(before);
    expect((await cli(['validate'], dir)).stderr).toBe('');
    expect((await cli(['init', '--update'], dir)).stdout).toBe(`De schema's en VS Code-instellingen zijn al die van casebook ${version}.\n`);
  });

  it('init --update needs a casebook, and leaves settings it cannot read alone', async () => {
    const empty = makeTree({});
    const result = await cli(['init', '--update'], empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Geen casebook.yaml in .');
    expect(mergeSettings('{ // commentaar\n}', '{"a": 1}')).toBeUndefined();
    expect(mergeSettings('{"a": 1}', '{"a": 1}')).toBe('{"a": 1}');
  });
});
