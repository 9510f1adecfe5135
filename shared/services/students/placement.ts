// Resolves a class id into the record's place: school, grade and county, read from the org tree.
import { getOrg } from '#shared/data/directory-repo.ts';
import type { Org } from '#shared/domain/org.ts';
import { placeOfClass } from '#shared/domain/student.ts';
import { badRequest } from '#shared/http/api-error.ts';

export interface Placement {
  classOrg: Org;
  classId: string;
  gradeId: string;
  grade: string;
  schoolId: string;
  countyId: string;
  orgPath: string;
}

export async function placeInClass(classId: string): Promise<Placement> {
  const classOrg = await getOrg(classId);
  const place = classOrg?.kind === 'class' ? placeOfClass(classOrg.orgPath) : undefined;
  if (!classOrg || !place) throw badRequest('VALIDATION_FAILED', '班级不存在', [{ path: 'classId', code: 'unknown_class', message: '班级不存在' }]);
  const gradeOrg = await getOrg(place.gradeId);
  return { classOrg, classId, gradeId: place.gradeId, grade: gradeOrg?.code ?? '', schoolId: place.schoolId, countyId: place.countyId, orgPath: classOrg.orgPath };
}
