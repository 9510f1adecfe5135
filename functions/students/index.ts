// Area entry: the student registry (学籍档案).
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as remove } from './delete.ts';
import { handler as enrol } from './enrol.ts';
import { handler as get } from './get.ts';
import { handler as history } from './history.ts';
import { handler as list } from './list.ts';
import { handler as update } from './update.ts';

export const handler = dispatch(enrol, list, get, update, remove, history);
