// A class's, grade's or school's roster (学生名册): who is on roll, class by class, with what a
// registrar checks a list against. ID numbers (and G numbers, which hold them) are masked unless
// the requester reads them in full.
import { getOrg } from '#shared/data/directory-repo.ts';
import { rosterDocument } from '#shared/domain/exports/roster.ts';
import { JobFailure } from '../../jobs/run.ts';
import { tableExport } from '../renderers.ts';
import { classNames } from './class-names.ts';
import { orgRecords } from './org-records.ts';

export const rosterContent = tableExport<'roster'>(async (request, context) => {
  const org = await getOrg(request.orgId);
  if (!org) throw new JobFailure('机构已不存在');
  const records = await orgRecords(org);
  return rosterDocument({ orgName: org.name, records, classNames: await classNames(records), full: context.full, at: context.at });
});
