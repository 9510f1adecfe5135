// A job as the API answers it (GET /v1/jobs/{jobId}), for the suites that start and follow jobs.
import { call } from './api.ts';

export interface Job {
  jobId: string;
  kind: string;
  status: string;
  total: number;
  done: number;
  errors: number;
  errorSamples: { item: string; message: string }[];
  resultUrl: string | null;
  orgId: string;
  request: Record<string, unknown>;
}

/** Follows a job (GET /v1/jobs/{jobId}, as `token`) until it has ended, a minute at most. */
export async function jobEnded(jobId: string, token: string): Promise<Job> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const reply = await call<Job>('GET', `/v1/jobs/${jobId}`, { token });
    if (reply.status !== 200) throw new Error(`GET /v1/jobs/${jobId}: ${reply.status} ${JSON.stringify(reply.body)}`);
    if (reply.body.status === 'succeeded' || reply.body.status === 'failed') return reply.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not end`);
}
