// The grade sheet (登分表) of a section as a document: what it is of (school, course, class, term,
// teacher, whether it was submitted), one row per student (序号, 学号, 姓名, 成绩 or its mark,
// 是否通过), the counts under it and a line for the teacher's signature. A submitted sheet lists
// the students it was submitted for; a draft lists the roster, those without a grade yet empty.
// Pure.
import { MARK_LABEL, passed, type Grade } from '../grades/sheet.ts';
import { termLabel } from '../teaching/term.ts';
import { chinaMinute, numberText, sheetNameOf, type Cell, type ExportDocument } from './document.ts';
import { fileNamePart } from './kinds.ts';

export interface SheetStudent {
  studentId: string;
  name: string;
  /** 班内学号 */
  seatNo?: string | undefined;
}

export interface GradeSheetInput {
  schoolName: string;
  className: string;
  courseName: string;
  credits: number;
  term: string;
  teacherName?: string | undefined;
  status: 'draft' | 'submitted';
  submittedAt?: string | undefined;
  /** The roster in its order; graded students no longer on it are added after it. */
  students: SheetStudent[];
  grades: Grade[];
}

export interface SheetCounts {
  students: number;
  passed: number;
  failed: number;
  absent: number;
  exempt: number;
  cheating: number;
  /** Of the scores (marks not counted); undefined without any. */
  average?: number;
  highest?: number;
  lowest?: number;
}

export function sheetCounts(grades: readonly Grade[]): SheetCounts {
  const scores = grades.flatMap((grade) => (grade.score !== undefined ? [grade.score] : []));
  const marked = (mark: string) => grades.filter((grade) => grade.mark === mark).length;
  const passing = grades.filter((grade) => passed(grade)).length;
  return {
    students: grades.length,
    passed: passing,
    failed: grades.length - passing,
    absent: marked('absent'),
    exempt: marked('exempt'),
    cheating: marked('cheating'),
    ...(scores.length > 0 ? { average: scores.reduce((sum, score) => sum + score, 0) / scores.length, highest: Math.max(...scores), lowest: Math.min(...scores) } : {}),
  };
}

/** The score as a number, or the mark's label; empty when not graded yet. */
export const gradeCell = (grade: Grade | undefined): Cell => (grade === undefined ? null : grade.mark ? MARK_LABEL[grade.mark] : grade.score);

export function gradeSheetDocument(input: GradeSheetInput): ExportDocument {
  const byStudent = new Map(input.grades.map((grade) => [grade.studentId, grade]));
  const listed = input.status === 'submitted' ? input.students.filter((student) => byStudent.has(student.studentId)) : input.students;
  const rows = listed.map((student, index): Cell[] => {
    const grade = byStudent.get(student.studentId);
    return [index + 1, student.seatNo ?? '', student.name, gradeCell(grade), grade === undefined ? '' : passed(grade) ? '是' : '否'];
  });
  const counts = sheetCounts(input.grades);
  const scoreLine =
    counts.average !== undefined ? `平均分 ${numberText(counts.average)}，最高分 ${numberText(counts.highest!)}，最低分 ${numberText(counts.lowest!)}` : '没有分数';
  const notes = [
    `共 ${counts.students} 人有成绩：通过 ${counts.passed} 人，未通过 ${counts.failed} 人 (缺考 ${counts.absent}、作弊 ${counts.cheating})，免考 ${counts.exempt} 人；${scoreLine}。`,
    ...(input.status === 'draft' ? [`草稿：尚未提交，${listed.length - input.grades.length > 0 ? `还有 ${listed.length - input.grades.length} 人没有成绩，` : ''}成绩以提交后为准。`] : []),
  ];
  const term = termLabel(input.term);
  return {
    title: input.status === 'submitted' ? '登分表' : '登分表 (草稿)',
    facts: [
      ['学校', input.schoolName],
      ['班级', input.className],
      ['学期', term],
      ['课程', `${input.courseName} (${numberText(input.credits)} 学分)`],
      ['任课教师', input.teacherName ?? '未安排'],
      ['状态', input.status === 'submitted' ? `已提交${input.submittedAt ? ` (${chinaMinute(input.submittedAt)})` : ''}` : '草稿，未提交'],
    ],
    tables: [
      {
        columns: [
          { header: '序号', width: 1, align: 'center' },
          { header: '学号', width: 1.4, align: 'center' },
          { header: '姓名', width: 3, align: 'left' },
          { header: '成绩', width: 1.6, align: 'center' },
          { header: '是否通过', width: 1.4, align: 'center' },
        ],
        rows,
        notes,
      },
    ],
    closing: ['任课教师签名：______________　　　　日期：______________'],
    fileName: fileNamePart(`登分表_${input.courseName}_${input.className}_${input.term}`),
    sheetName: sheetNameOf(`${input.className} ${input.courseName}`),
  };
}
