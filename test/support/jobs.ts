// A job as the API answers it (GET /v1/jobs/{jobId}), for the suites that start and follow jobs.
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
