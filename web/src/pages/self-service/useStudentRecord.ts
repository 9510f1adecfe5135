// A student record with the ETag it was read at (the version a confirmation names), and the
// corrections proposed for it.
import { useQuery } from '@tanstack/react-query';
import { listStudentCorrectionsRoute } from '#shared/api/corrections.ts';
import { getStudentRoute } from '#shared/api/students.ts';
import { request } from '../../api/client.ts';
import { useCursorList } from '../../components/useCursorList.ts';
import type { StudentView } from '../../students/RecordView.tsx';

export interface RecordRead {
  record: StudentView;
  etag: string;
}

// Under ['student', id] so that invalidating a student refreshes every view of it.
export const studentRecordKey = (studentId: string) => ['student', studentId, 'with-etag'];

export function useStudentRecord(studentId: string) {
  return useQuery({
    queryKey: studentRecordKey(studentId),
    queryFn: async (): Promise<RecordRead> => {
      const { data, headers } = await request(getStudentRoute, { params: { studentId } });
      // The ETag is the version in quotes (docs/api-guide.md); a proxy that drops the header must
      // not make the record unconfirmable.
      return { record: data, etag: headers.get('etag') ?? `"${data.version}"` };
    },
  });
}

export const studentCorrectionsKey = (studentId: string) => ['student-corrections', studentId];

/** The student's proposals, newest first, a page at a time. */
export function useStudentCorrections(studentId: string) {
  return useCursorList(studentCorrectionsKey(studentId), async (cursor) => (await request(listStudentCorrectionsRoute, { params: { studentId }, query: { limit: 10, cursor } })).data);
}
