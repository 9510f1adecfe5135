// Contract check of answers, switched on in the test stack (CHECK_RESPONSES=true): a response
// that does not match its documented schema (a missing field, an undocumented one such as an
// internal path) fails the request with a 500, so every integration test is also a contract test.
// Deployed, it is off: the schemas then only document.
import * as z from 'zod/mini';
import type { RouteContract } from './contract.ts';

export function checkResponse(contract: RouteContract, body: unknown): void {
  if (process.env.CHECK_RESPONSES !== 'true') return;
  const result = z.safeParse(contract.response(), body);
  if (result.success) return;
  // Paths and codes only: the values may be personal data.
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.code}${issue.code === 'unrecognized_keys' ? ` ${issue.keys.join(',')}` : ''}`);
  throw new Error(`response of ${contract.operationId} does not match its schema: ${problems.join('; ')}`);
}
