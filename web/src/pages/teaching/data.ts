// What the teaching pages share: a school's courses, the names of the classes sections belong to,
// the accounts that may teach a section, and time slots in words.
import { useQueries, useQuery } from '@tanstack/react-query';
import { listOrgUsersRoute } from '#shared/api/admin.ts';
import { getOrgRoute } from '#shared/api/identity.ts';
import { listCoursesRoute, type listSectionsRoute } from '#shared/api/teaching.ts';
import { DAY_LABEL, type Slot } from '#shared/domain/teaching/schedule.ts';
import { request, type ResponseOf } from '../../api/client.ts';
import { allPages } from '../../components/useCursorList.ts';

export type Course = ResponseOf<typeof listCoursesRoute>['items'][number];
export type Section = ResponseOf<typeof listSectionsRoute>['items'][number];

/** Under this key every course list of a school is read and refreshed. */
export const coursesKey = (schoolId: string) => ['courses', schoolId];
/** Under this key every section list is read; arranging or generating sections refreshes them all. */
export const SECTIONS_KEY = ['sections'];

/** Every course of the school (a school has tens, a college a few hundred), by code. */
export function useAllCourses(schoolId: string) {
  return useQuery({
    queryKey: [...coursesKey(schoolId), 'all'],
    queryFn: () => allPages(async (cursor) => (await request(listCoursesRoute, { query: { schoolId, limit: 200, cursor } })).data),
  });
}

/** Classes' names by id (sections carry the class's id only); the id itself until read. */
export function useClassNames(classIds: readonly string[]): (classId: string) => string {
  const unique = [...new Set(classIds)];
  const queries = useQueries({ queries: unique.map((orgId) => ({ queryKey: ['org', orgId], queryFn: async () => (await request(getOrgRoute, { params: { orgId } })).data, staleTime: 5 * 60_000 })) });
  const names = new Map(queries.flatMap((query) => (query.data ? [[query.data.orgId, query.data.name] as const] : [])));
  return (classId) => names.get(classId) ?? classId;
}

export interface TeacherOption {
  value: string;
  label: string;
}

const usersOf = (orgId: string) => allPages(async (cursor) => (await request(listOrgUsersRoute, { params: { orgId }, query: { limit: 200, cursor } })).data);

/**
 * The accounts that may teach a section of this class: the school's teachers and the class's
 * advisor (advisors belong to their class, so the school's list does not hold them).
 */
export function useTeacherOptions(schoolId: string, classId: string | undefined) {
  return useQuery({
    queryKey: ['section-teachers', schoolId, classId],
    enabled: Boolean(classId),
    staleTime: 60_000,
    queryFn: async (): Promise<TeacherOption[]> => {
      const [school, klass] = await Promise.all([usersOf(schoolId), usersOf(classId!)]);
      return [...school, ...klass]
        .filter((user) => user.role === 'teacher' || user.role === 'class_advisor')
        .map((user) => ({ value: user.userId, label: `${user.displayName}${user.role === 'class_advisor' ? ' (班主任)' : ''}` }));
    },
  });
}

/** Periods of one day joined: 第1、2节. */
const periods = (list: number[]) => `第${list.join('、')}节`;

/** 星期一 第1、2节；星期三 第2节 (by day and period); 未排 when there are none. */
export function slotsText(slots: readonly Slot[], short = false): string {
  if (slots.length === 0) return '未排';
  const byDay = new Map<number, number[]>();
  for (const slot of [...slots].sort((a, b) => a.day - b.day || a.period - b.period)) byDay.set(slot.day, [...(byDay.get(slot.day) ?? []), slot.period]);
  return [...byDay].map(([day, list]) => `${short ? DAY_LABEL[day]!.replace('星期', '周') : DAY_LABEL[day]} ${periods(list)}`).join('；');
}
