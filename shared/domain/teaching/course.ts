// Courses (课程), teaching plans (教学计划) and sections (教学班): their ids follow from what they
// are, so the same course, plan or section can never be created twice, and generating a plan's
// sections again creates nothing new.
import type { Slot } from './schedule.ts';

export const ASSESSMENTS = ['exam', 'check'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];
export const ASSESSMENT_LABEL: Record<Assessment, string> = { exam: '考试', check: '考查' };

export interface Course {
  courseId: string;
  schoolId: string;
  code: string;
  name: string;
  credits: number;
  hours: number;
  assessment: Assessment;
}

export interface TeachingPlan {
  planId: string;
  schoolId: string;
  gradeId: string;
  term: string;
  courses: { courseId: string; hoursPerWeek: number }[];
}

export interface Section {
  sectionId: string;
  schoolId: string;
  orgPath: string;
  courseId: string;
  courseName: string;
  credits: number;
  term: string;
  classId: string;
  teacherId?: string | undefined;
  teacherName?: string | undefined;
  room?: string | undefined;
  slots: Slot[];
  planId?: string | undefined;
  version: number;
}

export const courseIdOf = (schoolId: string, code: string) => `${schoolId}-K${code}`;
export const planIdOf = (gradeId: string, term: string) => `${gradeId}-T${term}`;
/** One section per course, class and term. */
export const sectionIdOf = (classId: string, term: string, courseCode: string) => `${classId}-T${term}-K${courseCode}`;
export const courseCodeOf = (courseId: string) => courseId.slice(courseId.lastIndexOf('-K') + 2);
