#!/usr/bin/env node
// `npx xueji`: the system's command line, for registrars who script. Run by the project's own
// Node 24 (npx puts node_modules/.bin, with its `node`, first on PATH), which strips the types.
//   xueji import FILE --school ID [...]   see usage.ts
import { CliError, EXIT_ERROR, EXIT_OK, UsageError } from './exit-codes.ts';
import { importArgs } from './import-args.ts';
import { importCommand } from './import-command.ts';
import { USAGE } from './usage.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('请给出命令 (import)');
  if (command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return EXIT_OK;
  }
  if (command !== 'import') throw new UsageError(`未知的命令：${command}`);
  const args = importArgs(rest);
  if (args === 'help') {
    out(USAGE);
    return EXIT_OK;
  }
  return importCommand(args, out);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Whatever went wrong, 2: a script must not take a crash for "some rows failed" (1).
  if (error instanceof CliError) process.stderr.write(`错误: ${error.message}\n${error instanceof UsageError ? '用法见 npx xueji --help\n' : ''}`);
  else process.stderr.write(`错误: 意外的错误 ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = EXIT_ERROR;
}
