// Area entry: organisations and accounts inside the caller's subtree (系统管理); the school year's
// end (promotion, graduation) and exports, which run as jobs, and the jobs themselves.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as createOrg } from './create-org.ts';
import { handler as createUser } from './create-user.ts';
import { handler as createExport } from './export.ts';
import { handler as graduation } from './graduation.ts';
import { handler as job } from './job.ts';
import { handler as listUsers } from './list-users.ts';
import { handler as promotion } from './promotion.ts';

export const handler = dispatch(createOrg, listUsers, createUser, promotion, graduation, job, createExport);
