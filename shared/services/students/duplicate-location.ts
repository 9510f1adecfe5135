// Says where an existing record lives, as far as the caller's scope allows: inside its subtree
// the school and record id; outside it only the county, so no other school's data leaks.
import { getOrg } from '#shared/data/directory-repo.ts';
import type { Pointer } from '#shared/data/student-repo.ts';
import { isWithin } from '#shared/domain/org.ts';
import type { Principal } from '#shared/domain/principal.ts';

export async function describeLocation(principal: Principal, pointer: Pointer): Promise<{ text: string; details: Record<string, unknown> }> {
  if (isWithin(pointer.orgPath, principal.orgPath)) {
    const school = await getOrg(pointer.schoolId);
    return { text: `${school?.name ?? pointer.schoolId}`, details: { studentId: pointer.studentId, schoolId: pointer.schoolId, schoolName: school?.name } };
  }
  const county = await getOrg(pointer.countyId);
  return { text: `${county?.name ?? '其他区县'}的其他学校`, details: { countyId: pointer.countyId, countyName: county?.name } };
}
