// Area entry: status changes (学籍异动): filing, deciding steps in order, cases, their evidence and the inbox.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as approve } from './approve.ts';
import { handler as cancel } from './cancel.ts';
import { handler as addEvidence } from './evidence-add.ts';
import { handler as listEvidence } from './evidence-list.ts';
import { handler as file } from './file.ts';
import { handler as get } from './get.ts';
import { handler as list } from './list.ts';
import { handler as reject } from './reject.ts';
import { handler as tasks } from './tasks.ts';

export const handler = dispatch(file, get, list, approve, reject, cancel, addEvidence, listEvidence, tasks);
