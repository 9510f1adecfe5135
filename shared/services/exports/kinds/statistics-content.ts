// An organisation's statistics (统计表) as a file: the maintained counters GET /v1/stats reads, and its children's.
import { getOrg } from '#shared/data/directory-repo.ts';
import { statisticsDocument } from '#shared/domain/exports/statistics.ts';
import { JobFailure } from '../../jobs/run.ts';
import { statisticsOf } from '../../stats/read.ts';
import { tableExport } from '../renderers.ts';

export const statisticsContent = tableExport<'statistics'>(async (request, context) => {
  const org = await getOrg(request.orgId);
  if (!org) throw new JobFailure('机构已不存在');
  const stats = await statisticsOf(org, org.kind !== 'class');
  return statisticsDocument({ orgName: org.name, counts: stats.counts, children: stats.children ?? [], at: context.at });
});
