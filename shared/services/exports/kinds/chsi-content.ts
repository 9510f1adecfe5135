// The 学信网 new-student and annual registration files (新生注册, 学年注册) of a grade or a school:
// the students on roll whose grade has a programme set, the new-student file only the newest
// intake (shared/domain/exports/chsi-file.ts). Rows failing the pre-export checks are left out
// and listed as the job's errors.
import { chsiFile, newestIntake } from '#shared/domain/exports/chsi-file.ts';
import { dataExport } from '../renderers.ts';
import { chsiSource } from './chsi-source.ts';

export const chsiNewContent = dataExport<'chsiNew'>(async (request, context) => {
  const source = await chsiSource(request.orgId, { full: context.full, pick: newestIntake });
  return { ...chsiFile('chsiNew', source.settings, source.placeName, source.students), refused: source.refused };
});

export const chsiAnnualContent = dataExport<'chsiAnnual'>(async (request, context) => {
  const source = await chsiSource(request.orgId, { full: context.full });
  return { ...chsiFile('chsiAnnual', source.settings, source.placeName, source.students), refused: source.refused };
});
