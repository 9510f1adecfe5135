// Peak memory of the bench stack's process (local/main.ts: the gateway, the queue pollers and every
// handler run in it, so the import worker too) over a span of the bench. RSS from the kernel:
// writing 5 to /proc/<pid>/clear_refs resets the process's high-water mark (VmHWM, Linux 4.0+),
// so the peak is exact, not sampled; where that is refused, VmRSS sampled every 100 ms. The V8
// heap only the process knows: the bench fixture samples it there (fixtures/memory.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningStack } from '#local/child-stack.ts';

const SAMPLE_MS = 100;

export interface MemoryPeak {
  /** Peak resident set size, bytes. */
  rss: number;
  /** Peak V8 heap in use, bytes (sampled every 100 ms in the process). */
  heapUsed: number;
  /** Whether `rss` is the kernel's exact high-water mark (else the sampled maximum). */
  exact: boolean;
}

interface FixtureAnswer {
  pid: number;
  current: { rss: number; heapUsed: number };
  peak: { rss: number; heapUsed: number };
}

const kib = (status: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;

export class StackMemory {
  private readonly pid: number;
  private readonly url: string;
  private readonly token: string;
  private sampled = 0;
  private exact = false;
  private timer: NodeJS.Timeout | undefined;

  private constructor(pid: number, url: string, token: string) {
    this.pid = pid;
    this.url = url;
    this.token = token;
  }

  /** The stack's process, as its runtime.json names it (and as the fixture confirms). */
  static async of(stack: RunningStack, token: string): Promise<StackMemory> {
    const { pid } = JSON.parse(readFileSync(join(stack.dataDir, 'runtime.json'), 'utf8')) as { pid: number };
    const memory = new StackMemory(pid, stack.url, token);
    const answer = await memory.fixture(false);
    if (answer.pid !== pid) throw new Error(`bench import: runtime.json names pid ${pid}, the stack's handlers run in ${answer.pid}`);
    return memory;
  }

  private status(): string {
    return readFileSync(`/proc/${this.pid}/status`, 'utf8');
  }

  private async fixture(reset: boolean): Promise<FixtureAnswer> {
    const response = await fetch(`${this.url}/v1/bench/memory${reset ? '?reset=1' : ''}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET /v1/bench/memory: ${response.status} ${await response.text()}`);
    return (await response.json()) as FixtureAnswer;
  }

  /** Starts a span: the peaks from now on. Answers the memory in use at its start. */
  async start(): Promise<{ rss: number; heapUsed: number }> {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      this.exact = true;
    } catch {
      this.exact = false;
    }
    this.sampled = kib(this.status(), 'VmRSS');
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      try {
        this.sampled = Math.max(this.sampled, kib(this.status(), 'VmRSS'));
      } catch {
        // The stack is gone (a failed run stopping it): nothing left to sample.
        this.stop();
      }
    }, SAMPLE_MS);
    const answer = await this.fixture(true);
    return answer.current;
  }

  /** The peaks since start() (the span goes on). */
  async peak(): Promise<MemoryPeak> {
    const status = this.status();
    const answer = await this.fixture(false);
    const sampled = Math.max(this.sampled, kib(status, 'VmRSS'), answer.peak.rss);
    return { rss: this.exact ? Math.max(kib(status, 'VmHWM'), sampled) : sampled, heapUsed: answer.peak.heapUsed, exact: this.exact };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
