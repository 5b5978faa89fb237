/**
 * A problem that stops a command before it can do its work (no casebook found, a bad
 * flag): the CLI prints its message without a stack trace and exits with `exitCode`.
 * Problems *in* the cases are never thrown: they are messages.
 */
export class CasebookError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CasebookError';
  }
}
