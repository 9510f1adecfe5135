// Area entry: grades (成绩): grade sheets and where they stand, a student's grades, make-up exams (补考).
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as get } from './get.ts';
import { handler as makeupGet } from './makeup-get.ts';
import { handler as makeupGrades } from './makeup-grades.ts';
import { handler as makeupList } from './makeup-list.ts';
import { handler as makeupSchedule } from './makeup-schedule.ts';
import { handler as save } from './save.ts';
import { handler as student } from './student.ts';
import { handler as submissions } from './submissions.ts';
import { handler as submit } from './submit.ts';

export const handler = dispatch(save, submit, get, student, makeupList, makeupSchedule, makeupGet, makeupGrades, submissions);
