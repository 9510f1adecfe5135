// Area entry: student self-service (学生信息校对): proposals, the registrar's queue, confirmation.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as accept } from './accept.ts';
import { handler as confirm } from './confirm.ts';
import { handler as listForStudent } from './list-for-student.ts';
import { handler as propose } from './propose.ts';
import { handler as queue } from './queue.ts';
import { handler as reject } from './reject.ts';

export const handler = dispatch(propose, listForStudent, accept, reject, queue, confirm);
