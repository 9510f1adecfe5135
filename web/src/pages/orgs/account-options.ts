// What a new account can be tied to: a student account to a record of the class, a teacher to
// classes of the school (useSchoolClasses). A roster is short (tens of students), so it is read whole.
import { useQuery } from '@tanstack/react-query';
import { listStudentsRoute } from '#shared/api/students.ts';
import { request } from '../../api/client.ts';
import { allPages } from '../../components/useCursorList.ts';

/** The class roster as picker options: name and 全国学籍号 (masked as every list is). */
export function useRosterOptions(classId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['account-options', 'roster', classId],
    enabled,
    queryFn: async () => {
      const students = await allPages(async (cursor) => (await request(listStudentsRoute, { query: { classId, limit: 100, cursor } })).data);
      return students.map((student) => ({ value: student.studentId, label: `${student.classSeatNo ? `${student.classSeatNo}号 ` : ''}${student.name}（${student.nationalStudentNo}）` }));
    },
  });
}
