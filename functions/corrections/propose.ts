import { proposeCorrectionRoute } from '#shared/api/corrections.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { proposeCorrection } from '#shared/services/students/corrections.ts';

export const handler = httpHandler(
  proposeCorrectionRoute,
  async ({ principal, params, body }) => ({ status: 201, body: await proposeCorrection(principal, params.studentId, body) }),
  { inner: idempotency('ProposeCorrection') },
);
