// What a new account can be tied to: a student account to a record of the class, a teacher to
// classes of the school. Both lists are short (tens of items), so each is read whole.
import { useQuery } from '@tanstack/react-query';
import { listOrgChildrenRoute } from '#shared/api/identity.ts';
import { listStudentsRoute } from '#shared/api/students.ts';
import { request } from '../../api/client.ts';
import { allPages } from '../../components/useCursorList.ts';

const children = (orgId: string) => allPages(async (cursor) => (await request(listOrgChildrenRoute, { params: { orgId }, query: { limit: 100, cursor } })).data);

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

/** The school's classes as picker options, grouped by grade. */
export function useClassOptions(schoolId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['account-options', 'classes', schoolId],
    enabled,
    queryFn: async () => {
      const grades = await children(schoolId);
      return Promise.all(grades.map(async (grade) => ({ label: grade.name, title: grade.name, options: (await children(grade.orgId)).map((klass) => ({ value: klass.orgId, label: klass.name })) })));
    },
  });
}
