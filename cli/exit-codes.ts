// What the CLI's exit code tells a registrar's script: everything imported (or would be, on a dry
// run), some rows refused (the report says which), or nothing happened for a reason outside the
// file's rows (wrong arguments, no connection, the API refused the request).
export const EXIT_OK = 0;
export const EXIT_ROWS_FAILED = 1;
export const EXIT_ERROR = 2;

/** A failure that ends the command with EXIT_ERROR, its message printed as it is (Chinese, for people). */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Arguments the command cannot use: said with a pointer to the help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
