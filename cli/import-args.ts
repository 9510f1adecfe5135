// `xueji import FILE --school ID …` read with node:util parseArgs into what the command needs;
// anything missing or unknown is a usage error (exit 2) saying what is wrong.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, UsageError } from './exit-codes.ts';
import { defaultUrl } from './stack-url.ts';
import { formatOf } from './upload.ts';

export interface ImportArgs {
  file: string;
  schoolId: string;
  dryRun: boolean;
  mapping?: Record<string, string>;
  url: string;
  /** A token to send, or a demo user to sign in as. */
  auth: { token: string } | { user: string };
  outDir?: string;
}

export const IMPORT_OPTIONS = {
  school: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  mapping: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  user: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The import's arguments, or 'help'. */
export function importArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ImportArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: IMPORT_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`参数有误：${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? '请给出要导入的文件' : `只能导入一个文件，收到 ${positionals.length} 个：${positionals.join(' ')}`);
  const file = resolve(positionals[0]!);
  formatOf(file);
  if (!values.school) throw new UsageError('请用 --school 给出学校代码');
  if (values.token && values.user) throw new UsageError('--token 与 --user 只能用一个');
  const token = values.token ?? (values.user ? undefined : env.XUEJI_TOKEN);
  if (!token && !values.user) throw new UsageError('请用 --token (或环境变量 XUEJI_TOKEN) 给出访问令牌，本地演示系统也可用 --user 账号名');
  return {
    file,
    schoolId: values.school,
    dryRun: values['dry-run'],
    ...(values.mapping ? { mapping: readMapping(values.mapping) } : {}),
    url: values.url ?? defaultUrl(env),
    auth: token ? { token } : { user: values.user! },
    ...(values.out ? { outDir: resolve(values.out) } : {}),
  };
}

/** The mapping file: {"文件中的表头": "字段名"}, every value a string. */
function readMapping(path: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`无法读取列对应关系 ${path}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((field) => typeof field === 'string')) {
    throw new CliError(`列对应关系 ${path} 应为 {"文件中的表头": "字段名"}`);
  }
  return value as Record<string, string>;
}
