// Area entry: teaching (教学): courses, teaching plans, sections and their timetable.
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as createCourse } from './course-create.ts';
import { handler as listCourses } from './course-list.ts';
import { handler as createPlan } from './plan-create.ts';
import { handler as listPlans } from './plan-list.ts';
import { handler as generateSections } from './plan-sections.ts';
import { handler as arrangeSection } from './section-arrange.ts';
import { handler as createSection } from './section-create.ts';
import { handler as getSection } from './section-get.ts';
import { handler as listSections } from './section-list.ts';

export const handler = dispatch(createCourse, listCourses, createPlan, listPlans, generateSections, createSection, arrangeSection, listSections, getSection);
