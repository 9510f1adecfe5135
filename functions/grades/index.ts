// Area entry: grades (成绩): grade sheets and a student's grades.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as get } from './get.ts';
import { handler as save } from './save.ts';
import { handler as student } from './student.ts';
import { handler as submit } from './submit.ts';

export const handler = dispatch(save, submit, get, student);
