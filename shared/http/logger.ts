// Structured logs: one JSON line per entry on stdout, which CloudWatch keeps as it is (as the
// function's log format is JSON). The level comes from Lambda's application log level
// (AWS_LAMBDA_LOG_LEVEL, set by the stack), else LOG_LEVEL (locally WARN, SILENT in tests).
// A few lines instead of a logging library: every handler loads this on its cold start.
// Never pass request bodies or personal data; errors are logged with their message and stack only.
import { AsyncLocalStorage } from 'node:async_hooks';

type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const RANK: Record<Level | 'SILENT', number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 99 };

function threshold(): number {
  const setting = (process.env.AWS_LAMBDA_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
  return RANK[setting as Level] ?? RANK.INFO;
}

export class Logger {
  // One set of keys per request: Lambda serves one at a time, the local runtime many at once.
  readonly #scope = new AsyncLocalStorage<Record<string, unknown>>();
  readonly #outside: Record<string, unknown> = {};

  /** Runs `work` with keys of its own (a request's), which `appendKeys` then fills. */
  scope<T>(work: () => T): T {
    return this.#scope.run({}, work);
  }

  /** Keys added to every entry of the current request (its correlation id, say). */
  appendKeys(keys: Record<string, unknown>): void {
    Object.assign(this.#scope.getStore() ?? this.#outside, keys);
  }

  debug(message: string, extra?: Record<string, unknown>): void {
    this.#write('DEBUG', message, extra);
  }

  info(message: string, extra?: Record<string, unknown>): void {
    this.#write('INFO', message, extra);
  }

  warn(message: string, extra?: Record<string, unknown>): void {
    this.#write('WARN', message, extra);
  }

  error(message: string, error?: Error | Record<string, unknown>): void {
    this.#write('ERROR', message, error instanceof Error ? { error: { name: error.name, message: error.message, stack: error.stack } } : error);
  }

  #write(level: Level, message: string, extra: Record<string, unknown> | undefined): void {
    if (RANK[level] < threshold()) return;
    const entry = { level, message, timestamp: new Date().toISOString(), service: process.env.SERVICE_NAME ?? 'xueji', ...(this.#scope.getStore() ?? this.#outside), ...extra };
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  }
}

export const logger = new Logger();
