import { enrolRoute } from '#shared/api/students.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { enrolStudent } from '#shared/services/students/enrol.ts';
import { etagOf, presentStudent } from '#shared/services/students/present.ts';

export const handler = httpHandler(
  enrolRoute,
  async ({ principal, body }) => {
    const record = await enrolStudent(principal, body);
    return { status: 201, body: presentStudent(record, principal), headers: { etag: etagOf(record), location: `/v1/students/${record.studentId}` } };
  },
  { inner: idempotency('EnrolStudent') },
);
