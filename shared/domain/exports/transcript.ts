// A student's transcript (成绩单) as a document: who it is (name, sex, national student number as
// the caller may see it, school, class), its submitted grades term by term (course, credits, the
// grade or its mark, a make-up result, whether passed), each term's totals and the totals of all.
// Credits count once passed, at the exam or the make-up; the average is weighted by credits and
// takes the exam's scores (marks and make-ups do not count in it). Pure.
import { MARK_LABEL, passed, type GradeValue, type Mark } from '../grades/sheet.ts';
import { termLabel } from '../teaching/term.ts';
import { numberText, sheetNameOf, type Cell, type ExportDocument, type Table } from './document.ts';
import { fileNamePart } from './kinds.ts';

export interface TranscriptGrade {
  term: string;
  courseName: string;
  credits: number;
  score?: number | undefined;
  mark?: Mark | undefined;
  makeup?: { score?: number | undefined; mark?: Mark | undefined; date: string } | undefined;
}

export interface TranscriptInput {
  name: string;
  gender: string;
  /** As the caller may see it (masked for those who may not see it whole). */
  nationalStudentNo: string;
  schoolName: string;
  className: string;
  enrolledOn?: string | undefined;
  grades: TranscriptGrade[];
}

export interface Totals {
  courses: number;
  /** Credits of the courses taken, and of those passed. */
  attempted: number;
  earned: number;
  /** Credit-weighted average of the exam scores; undefined without any. */
  average?: number;
}

const valueOf = (grade: { score?: number | undefined; mark?: Mark | undefined }): GradeValue => (grade.mark ? { mark: grade.mark } : { score: grade.score ?? 0 });

/** Passed at the exam, or at the make-up. */
export const finallyPassed = (grade: TranscriptGrade): boolean => passed(valueOf(grade)) || (grade.makeup !== undefined && passed(valueOf(grade.makeup)));

/** Sums in tenths of a credit, so 0.5 + 1.5 + 2.5 stays exact. */
const sum = (values: number[]) => values.reduce((total, value) => total + Math.round(value * 10), 0) / 10;

export function totalsOf(grades: readonly TranscriptGrade[]): Totals {
  const scored = grades.filter((grade) => grade.mark === undefined && grade.score !== undefined && grade.credits > 0);
  const weight = sum(scored.map((grade) => grade.credits));
  return {
    courses: grades.length,
    attempted: sum(grades.map((grade) => grade.credits)),
    earned: sum(grades.filter(finallyPassed).map((grade) => grade.credits)),
    ...(weight > 0 ? { average: scored.reduce((total, grade) => total + grade.score! * grade.credits, 0) / weight } : {}),
  };
}

const cellOf = (grade: { score?: number | undefined; mark?: Mark | undefined }): Cell => (grade.mark ? MARK_LABEL[grade.mark] : (grade.score ?? null));

const totalsLine = (what: string, totals: Totals) =>
  `${what}：修读 ${totals.courses} 门 ${numberText(totals.attempted)} 学分，获得 ${numberText(totals.earned)} 学分；学分加权平均分 ${totals.average === undefined ? '—' : numberText(totals.average)}`;

export function transcriptDocument(input: TranscriptInput): ExportDocument {
  const terms = [...new Set(input.grades.map((grade) => grade.term))].sort();
  const tables = terms.map((term): Table => {
    const grades = input.grades.filter((grade) => grade.term === term);
    return {
      heading: termLabel(term),
      columns: [
        { header: '序号', width: 0.9, align: 'center' },
        { header: '课程', width: 4, align: 'left' },
        { header: '学分', width: 1, align: 'center' },
        { header: '成绩', width: 1.2, align: 'center' },
        { header: '补考', width: 1.2, align: 'center' },
        { header: '是否通过', width: 1.3, align: 'center' },
      ],
      rows: grades.map((grade, index): Cell[] => [
        index + 1,
        grade.courseName,
        grade.credits,
        cellOf(grade),
        grade.makeup ? cellOf(grade.makeup) : '',
        finallyPassed(grade) ? (passed(valueOf(grade)) ? '是' : '是 (补考)') : '否',
      ]),
      notes: [totalsLine('本学期', totalsOf(grades))],
    };
  });
  const all = totalsOf(input.grades);
  return {
    title: '学生成绩单',
    facts: [
      ['姓名', input.name],
      ['性别', input.gender],
      ['全国学籍号', input.nationalStudentNo],
      ['学校', input.schoolName],
      ['班级', input.className],
      ...(input.enrolledOn ? [['入学年月', input.enrolledOn] as [string, string]] : []),
    ],
    tables,
    closing: [
      terms.length === 0 ? '没有已提交的成绩。' : totalsLine('合计', all),
      '学分在考试或补考通过后获得；学分加权平均分按首次考试的分数计算，缺考、免考、作弊及补考不计入。',
    ],
    fileName: fileNamePart(`成绩单_${input.name}`),
    sheetName: sheetNameOf(`成绩单 ${input.name}`),
  };
}
