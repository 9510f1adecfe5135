import { enrolRoute } from '#shared/api/students.ts';
import { getStudent } from '#shared/data/student-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { enrolStudent } from '#shared/services/students/enrol.ts';
import { etagOf, presentStudent } from '#shared/services/students/present.ts';
import type { StudentRecord } from '#shared/domain/student.ts';

const created = (record: StudentRecord) => ({ etag: etagOf(record), location: `/v1/students/${record.studentId}` });

export const handler = apiHandler(
  enrolRoute,
  async ({ principal, body }) => {
    const record = await enrolStudent(principal, body);
    return { status: 201, body: presentStudent(record, principal), headers: created(record) };
  },
  {
    lookup: true,
    // The record item (STUDENT#<id>) is what an enrolment creates.
    idempotent: async ({ PK }, principal) => {
      const record = (await getStudent(PK.slice('STUDENT#'.length)))!;
      return jsonResponse(201, presentStudent(record, principal), created(record));
    },
  },
);
