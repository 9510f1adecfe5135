// A school's classes as drop-down options grouped by grade (for enrolment, a record's class, a
// teacher's classes, a status change's target class), each group with its grade's entry year. A
// school has tens of classes, so the list is read whole.
import { useQuery } from '@tanstack/react-query';
import { listOrgChildrenRoute } from '#shared/api/identity.ts';
import { request } from '../api/client.ts';
import { allPages } from './useCursorList.ts';

const children = (orgId: string) => allPages(async (cursor) => (await request(listOrgChildrenRoute, { params: { orgId }, query: { limit: 100, cursor } })).data);

/** Under this key, so that adding a class refreshes every drop-down of its school. */
export const schoolClassesKey = (schoolId: string) => ['school-classes', schoolId];

export function useSchoolClasses(schoolId: string, enabled = true) {
  return useQuery({
    queryKey: schoolClassesKey(schoolId),
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const grades = await children(schoolId);
      return Promise.all(grades.map(async (grade) => ({ label: grade.name, title: grade.name, grade: grade.code, options: (await children(grade.orgId)).map((klass) => ({ value: klass.orgId, label: klass.name })) })));
    },
  });
}
