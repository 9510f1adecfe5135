// Area entry: bulk intake (招生导入): uploads, checks and runs of a school's spreadsheets, the
// school's numbering scheme (学号编排) and its 学信网 registration settings (学信网注册设置). The
// spreadsheets themselves are read by functions/import-worker.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as create } from './create.ts';
import { handler as get } from './get.ts';
import { handler as list } from './list.ts';
import { handler as numberingGet } from './numbering-get.ts';
import { handler as numberingPut } from './numbering-put.ts';
import { handler as registrationGet } from './registration-get.ts';
import { handler as registrationPut } from './registration-put.ts';
import { handler as start } from './start.ts';

export const handler = dispatch(create, start, get, list, numberingGet, numberingPut, registrationGet, registrationPut);
