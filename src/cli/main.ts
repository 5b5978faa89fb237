/**
 * The command line: a thin layer over the library. It parses flags, calls the library,
 * prints, and turns the outcome into an exit code: 0 clean (or only warnings), 1 problems
 * found, 2 the command itself could not run. Commands are imported only when they run, so
 * `--help` and `--version` stay fast.
 */
import { Command, CommanderError, Help, Option } from 'commander';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import { escapeLines, escapeStray } from '../report/escape.js';
import type { Lang } from '../types.js';
import { version } from '../version.js';
import { langOf, parseLang, processIo, type GlobalOptions, type Io } from './io.js';
import { usageError } from './usage-errors.js';

/**
 * The language of help texts, known before commander parses anything: the last `--lang`, as
 * commander takes the last, so that help, usage errors and messages agree.
 */
function helpLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const index = argv.findLastIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = index < 0 ? env.CASEBOOK_LANG : argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  return (value !== undefined && langOf(value)) || 'nl';
}

/** The options every command has (--lang, --casebook, --quiet, --no-color), with the language checked. */
function globalOptions(command: Command, io: Io): GlobalOptions {
  const raw = command.optsWithGlobals() as GlobalOptions & { lang?: string };
  const chosen = parseLang(raw.lang, io.env);
  return { ...raw, ...(chosen ? { lang: chosen } : { lang: undefined }) } as GlobalOptions;
}

/** Commander's headings, by the words it passes to styleTitle. */
const HELP_TITLES: Readonly<Record<string, string>> = {
  'Usage:': 'usage', 'Options:': 'options', 'Commands:': 'commands', 'Arguments:': 'arguments', 'Global Options:': 'globalOptions',
};

/** What registering a command needs from buildProgram. */
interface CommandContext {
  h: (key: string) => string;
  v: (name: string) => string;
  globals: (command: Command) => GlobalOptions;
  io: Io;
  setExit: (code: number) => void;
}

/** `init` and `new`: the commands that write a casebook's files from templates. */
function addScaffoldCommands(program: Command, { h, v, globals, io, setExit }: CommandContext): void {
  program
    .command('init')
    .description(h('init.description'))
    .argument(`[${v('folder')}]`, h('init.dir'))
    .option('--force', h('init.force'))
    .option(`--title <${v('title')}>`, h('init.title'))
    .option(`--organisation <${v('name')}>`, h('init.organisation'))
    .option(`--ci <${v('platform')}>`, h('init.ci'))
    .option('--update', h('init.update'))
    .addHelpText('after', h('init.examples'))
    .action(async (dir: string | undefined, _options, command: Command) => {
      const { initCommand } = await import('./commands/init.js');
      setExit(await initCommand(dir, { ...globals(command), ...command.opts() }, io));
    });

  program
    .command('new')
    .description(h('new.description'))
    .argument(`<${v('title')}>`, h('new.title'))
    .option(`-d, --domain <${v('domain')}>`, h('new.domain'))
    .option(`-r, --role <${v('role')}>`, h('new.role'))
    .addHelpText('after', h('new.examples'))
    .action(async (title: string, _options, command: Command) => {
      const { newCommand } = await import('./commands/init.js');
      setExit(await newCommand(title, { ...globals(command), ...command.opts() }, io));
    });
}

/** The program with its global options and its help in the chosen language, without commands. */
function programShell(io: Io, lang: Lang): { program: Command; h: CommandContext['h']; v: CommandContext['v'] } {
  const h = (key: string) => t(lang, `help.${key}`);
  /** A flag's placeholder (`--out <map>`) in the language of the help. */
  const v = (name: string) => t(lang, `help.placeholders.${name}`);
  const localUsage = (usage: string) => usage.replace('[options]', `[${v('options')}]`).replace('[command]', `[${v('command')}]`);
  const program = new Command('casebook')
    .description(h('program'))
    .version(version, '-V, --version', h('version'))
    .helpOption('-h, --help', h('help'))
    .addHelpCommand(false)
    .option(`--lang <${v('lang')}>`, h('lang'))
    .option(`--casebook <${v('path')}>`, h('casebook'))
    .option('-q, --quiet', h('quiet'))
    .option('--no-color', h('noColor'))
    .showHelpAfterError(h('afterError'))
    // Commander's own headings (Usage:, Options:, ...) in the language of the help too.
    .configureHelp({
      styleTitle: (title: string) => t(lang, `help.titles.${HELP_TITLES[title] ?? 'other'}`, { title }),
      commandUsage: (command: Command) => localUsage(new Help().commandUsage(command)),
      subcommandTerm: (command: Command) => localUsage(new Help().subcommandTerm(command)),
    })
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: (text, write) => write(usageError(text, lang)) })
    .exitOverride();
  return { program, h, v };
}

/** Every command, in the order --help lists them (init and new from addScaffoldCommands). */
function addCommands(program: Command, { h, v, globals, io, setExit }: CommandContext): void {
  program
    .command('validate')
    .description(h('validate.description'))
    .argument(`[${v('paths')}...]`, h('validate.paths'))
    .addOption(new Option(`-f, --format <${v('format')}>`, h('validate.format')))
    .option(`--max-warnings <${v('n')}>`, h('validate.maxWarnings'))
    .option(`-o, --output-file <${v('file')}>`, h('validate.outputFile'))
    .addHelpText('after', h('validate.examples'))
    .action(async (paths: string[], _options, command: Command) => {
      const { validateCommand } = await import('./commands/validate.js');
      setExit(await validateCommand(paths, { ...globals(command), ...command.opts() }, io));
    });

  program
    .command('stats')
    .description(h('stats.description'))
    .option(`-f, --format <${v('format')}>`, h('stats.format'))
    .option('--drafts', h('stats.drafts'))
    .addHelpText('after', h('stats.examples'))
    .action(async (_options, command: Command) => {
      const { statsCommand } = await import('./commands/stats.js');
      setExit(await statsCommand({ ...globals(command), ...command.opts() }, io));
    });

  addScaffoldCommands(program, { h, v, globals, io, setExit });

  const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
  program
    .command('build')
    .description(h('build.description'))
    .option(`-f, --format <${v('formats')}>`, h('build.format'))
    .option(`-o, --out <${v('folder')}>`, h('build.out'))
    .option(`--templates <${v('folder')}>`, h('build.templates'))
    .option('--drafts', h('build.drafts'))
    .option(`--domain <${v('ids')}>`, h('build.domain'), collect)
    .option(`--value <${v('ids')}>`, h('build.value'), collect)
    .option(`--status <${v('statuses')}>`, h('build.status'), collect)
    .option(`--decisions <${v('place')}>`, h('build.decisions'))
    .option(`--edition <${v('name')}>`, h('build.edition'))
    .option(`--browser <${v('path')}>`, h('build.browser'))
    .option('--no-sandbox', h('build.noSandbox'))
    .option('--allow-privacy-errors', h('build.allowPrivacyErrors'))
    .addHelpText('after', h('build.examples'))
    .action(async (_options, command: Command) => {
      const { buildCommand } = await import('./commands/build.js');
      setExit(await buildCommand({ ...globals(command), ...command.opts() }, io));
    });

  program
    .command('import')
    .description(h('import.description'))
    .argument(`<${v('file')}>`, h('import.file'))
    .option(`--split-on <${v('level')}>`, h('import.splitOn'))
    .option(`--domain <${v('id')}>`, h('import.domain'))
    .option('--dry-run', h('import.dryRun'))
    .addHelpText('after', h('import.examples'))
    .action(async (file: string, _options, command: Command) => {
      const { importCommand } = await import('./commands/import.js');
      setExit(await importCommand(file, { ...globals(command), ...command.opts() }, io));
    });
  addValueAndToolCommands(program, { h, v, globals, io, setExit });
}

/** tag, values, doctor, serve. */
function addValueAndToolCommands(program: Command, { h, v, globals, io, setExit }: CommandContext): void {
  program
    .command('tag')
    .description(h('tag.description'))
    .argument(`[${v('paths')}...]`, h('tag.paths'))
    .option(`-f, --format <${v('format')}>`, h('tag.format'))
    .option('--check', h('tag.check'))
    .option('--write', h('tag.write'))
    .option('--all', h('tag.all'))
    .option(`--threshold <${v('score')}>`, h('tag.threshold'))
    .option(`--strong <${v('score')}>`, h('tag.strong'))
    .option('--learn', h('tag.learn'))
    .option('--no-model', h('tag.model'))
    .addHelpText('after', h('tag.examples'))
    .action(async (paths: string[], _options, command: Command) => {
      const { tagCommand } = await import('./commands/tag.js');
      setExit(await tagCommand(paths, { ...globals(command), ...command.opts() }, io));
    });

  program
    .command('values')
    .description(h('values.description'))
    .option(`-f, --format <${v('format')}>`, h('values.format'))
    .addHelpText('after', h('values.examples'))
    .action(async (_options, command: Command) => {
      const { valuesCommand } = await import('./commands/values.js');
      setExit(await valuesCommand({ ...globals(command), ...command.opts() }, io));
    });

  program
    .command('doctor')
    .description(h('doctor.description'))
    .option(`--browser <${v('path')}>`, h('doctor.browser'))
    .addHelpText('after', h('doctor.examples'))
    .action(async (_options, command: Command) => {
      const { doctorCommand } = await import('./commands/doctor.js');
      setExit(await doctorCommand({ ...globals(command), ...command.opts() }, io));
    });

  program
    .command('serve')
    .description(h('serve.description'))
    .option(`-p, --port <${v('port')}>`, h('serve.port'))
    .option('--no-drafts', h('serve.noDrafts'))
    .option('-o, --open', h('serve.open'))
    .addHelpText('after', h('serve.examples'))
    .action(async (_options, command: Command) => {
      const { serveCommand } = await import('./commands/serve.js');
      setExit(await serveCommand({ ...globals(command), ...command.opts() }, io));
    });
}

function buildProgram(io: Io, lang: Lang, setExit: (code: number) => void): Command {
  const { program, h, v } = programShell(io, lang);
  const context: CommandContext = { h, v, globals: (command: Command) => globalOptions(command, io), io, setExit };
  addCommands(program, context);
  // After a mistake in a command, point to that command's help, which has its examples.
  for (const command of program.commands) command.showHelpAfterError(t(lang, 'help.afterCommandError', { command: command.name() }));
  return program;
}

/** Output streams that pass no stray control character through (see escapeStray). */
function guardedIo(io: Io): Io {
  const guard = (stream: Io['stdout']): Io['stdout'] => ({
    write: (text: string) => stream.write(escapeStray(text)),
    get isTTY() {
      return stream.isTTY;
    },
  });
  return { ...io, stdout: guard(io.stdout), stderr: guard(io.stderr) };
}

/** Runs the CLI and returns the exit code; never throws for a user's mistake. */
export async function runCli(argv: readonly string[], rawIo: Io = processIo()): Promise<number> {
  const io = guardedIo(rawIo);
  const lang = helpLang(argv, io.env);
  let exitCode = 0;
  const program = buildProgram(io, lang, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    if (argv.length === 0) {
      io.stdout.write(program.helpInformation());
    }
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CasebookError) {
      io.stderr.write(`casebook: ${escapeLines(error.message)}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`casebook: ${t(lang, 'cli.internalError', { detail })}\n`);
    if (io.env.CASEBOOK_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
}
