// A class's, grade's or school's graduate photo capture list (毕业生图像采集名单, as XLSX or CSV)
// from the records on roll, with the grades' names and the schools' and counties' codes.
import { getOrg } from '#shared/data/directory-repo.ts';
import { captureListFile } from '#shared/domain/exports/capture-list.ts';
import { JobFailure } from '../../jobs/run.ts';
import { dataExport } from '../renderers.ts';
import { orgRecords } from './org-records.ts';

/** The organisations' names and codes by id (a handful: read once each, cached by the directory). */
async function orgsById(ids: string[]): Promise<{ names: Map<string, string>; codes: Map<string, string> }> {
  const unique = [...new Set(ids)];
  const orgs = await Promise.all(unique.map((id) => getOrg(id)));
  return {
    names: new Map(unique.flatMap((id, index) => (orgs[index] ? [[id, orgs[index].name] as const] : []))),
    codes: new Map(unique.flatMap((id, index) => (orgs[index] ? [[id, orgs[index].code] as const] : []))),
  };
}

export const captureListContent = dataExport<'captureList'>(async (request, context) => {
  const org = await getOrg(request.orgId);
  if (!org) throw new JobFailure('机构已不存在');
  const records = await orgRecords(org);
  const { names, codes } = await orgsById(records.flatMap((record) => [record.gradeId, record.schoolId, record.countyId]));
  return captureListFile({ orgName: org.name, records, gradeNames: names, codes, full: context.full });
});
