// Area entry: statistics (统计), read from the counters the records table's stream keeps
// (functions/stats-stream).
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as get } from './get.ts';

export const handler = dispatch(get);
