/**
 * Commander's own usage errors (an unknown option, a missing or extra argument) come in
 * English, as `error: unknown option '--fromat'`, between casebook's Dutch messages. They are
 * read back here (the wording is commander 14's, pinned in package.json) and told as casebook
 * tells its own errors: `casebook: ` and a text from data/messages, with a hint for the two
 * mistakes people make most: a title with spaces without quotes (`casebook new Schulden en een
 * scooter`) and a casebook's folder after a command that takes none (`casebook build mijnboek`).
 * A message not recognised is passed on as it is, after its `error: `.
 */
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';

/** Commander's messages (lib/command.js) and the key of ours. */
const COMMANDER_MESSAGES: readonly (readonly [RegExp, string])[] = [
  [/^error: unknown option '(?<flag>[^']*)'/, 'unknownOption'],
  [/^error: unknown command '(?<name>[^']*)'/, 'unknownCommand'],
  [/^error: too many arguments(?: for '(?<command>[^']*)')?\. Expected (?<expected>\d+) arguments? but got (?<got>\d+)\./, 'tooManyArguments'],
  [/^error: missing required argument '(?<name>[^']*)'/, 'missingArgument'],
  [/^error: option '(?<flags>[^']*)' argument missing/, 'optionMissingArgument'],
];

/** Commander's suggestion after an unknown option or command. */
const DID_YOU_MEAN = /\n\(Did you mean (?:one of )?(?<suggestion>[^?]*)\?\)/;

/** The text to show for commander's error `text` (which ends in a newline). */
export function usageError(text: string, lang: Lang): string {
  const suggestion = DID_YOU_MEAN.exec(text)?.groups?.suggestion;
  for (const [pattern, key] of COMMANDER_MESSAGES) {
    const found = pattern.exec(text)?.groups;
    if (!found) continue;
    const params: Record<string, string> = { ...found, command: found.command ?? '' };
    const name = key === 'tooManyArguments' && found.expected === '0' ? 'noArguments' : key;
    const hint = suggestion === undefined ? '' : ` ${t(lang, 'usage.didYouMean', { suggestion })}`;
    return `casebook: ${t(lang, `usage.${name}`, params)}${hint}\n`;
  }
  return `casebook: ${text.replace(/^error: /, '')}`;
}
