// Area entry: problem records (问题学籍): the scan that finds them (a job), the schools' and
// counties' queues, evidence files, and settling a problem.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as addEvidence } from './evidence-add.ts';
import { handler as listEvidence } from './evidence-list.ts';
import { handler as list } from './list.ts';
import { handler as resolve } from './resolve.ts';
import { handler as scan } from './scan.ts';

export const handler = dispatch(scan, list, resolve, addEvidence, listEvidence);
