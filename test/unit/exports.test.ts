// Exports without the stack: the grade sheet's and the transcript's documents (rows, counts,
// totals), the two renderers (the PDF's text read back with pdfjs, a sheet of 90 students over three
// pages with its header on each; the workbook read back with exceljs, numbers as numbers), the
// stored Content-Disposition, who may export what, and a worker message routed to its queue.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { JOB_QUEUE } from '#shared/data/job-queue.ts';
import type { ExportDocument } from '#shared/domain/exports/document.ts';
import { gradeSheetDocument, sheetCounts, type GradeSheetInput } from '#shared/domain/exports/grade-sheet.ts';
import { attachment, exportKept, fileNamePart } from '#shared/domain/exports/kinds.ts';
import { totalsOf, transcriptDocument, type TranscriptGrade } from '#shared/domain/exports/transcript.ts';
import type { Grade } from '#shared/domain/grades/sheet.ts';
import { JOB_KINDS } from '#shared/domain/jobs.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ROLES } from '#shared/domain/roles.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { EXPORTS_QUEUE } from '#shared/manifest/resources.ts';
import { renderPdf } from '#shared/services/exports/render/pdf.ts';
import { renderXlsx } from '#shared/services/exports/render/xlsx.ts';
import { pdfText } from '../support/pdf.ts';

const AT = new Date().toISOString();

function sheetInput(count: number, overrides: Partial<GradeSheetInput> = {}): GradeSheetInput {
  const students = Array.from({ length: count }, (_, index) => ({ studentId: `s${index + 1}`, name: `学生${'甲乙丙丁戊己庚辛壬癸'[index % 10]}${index + 1}`, seatNo: String(index + 1) }));
  const grades: Grade[] = students.map((student, index) => (index % 10 === 3 ? { studentId: student.studentId, mark: 'absent' } : { studentId: student.studentId, score: 50 + ((index * 7) % 51) }));
  return { schoolName: '广州市天河区第一实验小学', className: '三年级(2)班', courseName: '计算机应用基础', credits: 2, term: '2026-2027-1', teacherName: '王老师', status: 'submitted', submittedAt: AT, students, grades, ...overrides };
}

describe('the grade sheet document', () => {
  it('lists the graded students in roster order: 序号, 学号, 姓名, the score or its mark, 是否通过', () => {
    const document = gradeSheetDocument(sheetInput(3, { grades: [{ studentId: 's3', score: 59.5 }, { studentId: 's1', score: 95.5 }, { studentId: 's2', mark: 'exempt' }] }));
    expect(document.tables[0]!.columns.map((column) => column.header)).toEqual(['序号', '学号', '姓名', '成绩', '是否通过']);
    expect(document.tables[0]!.rows).toEqual([
      [1, '1', '学生甲1', 95.5, '是'],
      [2, '2', '学生乙2', '免考', '是'],
      [3, '3', '学生丙3', 59.5, '否'],
    ]);
    expect(document.facts).toContainEqual(['学期', '2026-2027学年第一学期']);
    expect(document.fileName).toBe('登分表_计算机应用基础_三年级(2)班_2026-2027-1');
  });

  it('a draft lists the whole roster, the ungraded empty, and says it is a draft', () => {
    const document = gradeSheetDocument(sheetInput(3, { status: 'draft', submittedAt: undefined, grades: [{ studentId: 's2', score: 80 }] }));
    expect(document.title).toBe('登分表 (草稿)');
    expect(document.tables[0]!.rows.map((row) => row.slice(2))).toEqual([['学生甲1', null, ''], ['学生乙2', 80, '是'], ['学生丙3', null, '']]);
    expect(document.tables[0]!.notes!.join()).toContain('还有 2 人没有成绩');
  });

  it('counts passes, failures and marks; the average is of the scores', () => {
    expect(sheetCounts([{ studentId: 'a', score: 90 }, { studentId: 'b', score: 59 }, { studentId: 'c', mark: 'absent' }, { studentId: 'd', mark: 'exempt' }, { studentId: 'e', mark: 'cheating' }])).toEqual({
      students: 5,
      passed: 2,
      failed: 3,
      absent: 1,
      exempt: 1,
      cheating: 1,
      average: 74.5,
      highest: 90,
      lowest: 59,
    });
  });
});

describe('the transcript document', () => {
  const grades: TranscriptGrade[] = [
    { term: '2026-2027-2', courseName: '大学英语', credits: 3, score: 70 },
    { term: '2026-2027-1', courseName: '高等数学', credits: 4, score: 52, makeup: { score: 75, date: '2027-03-01' } },
    { term: '2026-2027-1', courseName: '体育', credits: 1, mark: 'exempt' },
    { term: '2026-2027-1', courseName: '思想道德与法治', credits: 2.5, score: 88 },
    { term: '2026-2027-2', courseName: '线性代数', credits: 2, mark: 'absent' },
  ];

  it('groups the grades by term, in order, with a make-up and whether each passed', () => {
    const document = transcriptDocument({ name: '李𠮷祥', gender: '女', nationalStudentNo: 'G440106********0023', schoolName: '某学院', className: '计算机1班', enrolledOn: '2026-09', grades });
    expect(document.tables.map((table) => table.heading)).toEqual(['2026-2027学年第一学期', '2026-2027学年第二学期']);
    expect(document.tables[0]!.rows).toEqual([
      [1, '高等数学', 4, 52, 75, '是 (补考)'],
      [2, '体育', 1, '免考', '', '是'],
      [3, '思想道德与法治', 2.5, 88, '', '是'],
    ]);
    expect(document.tables[1]!.rows.map((row) => row.at(-1))).toEqual(['是', '否']);
    expect(document.facts).toContainEqual(['全国学籍号', 'G440106********0023']);
  });

  it('totals: credits earned once passed (at the make-up too), the average weighted by credits over exam scores', () => {
    expect(totalsOf(grades)).toEqual({ courses: 5, attempted: 12.5, earned: 10.5, average: (52 * 4 + 88 * 2.5 + 70 * 3) / 9.5 });
    expect(totalsOf([{ term: 't', courseName: 'x', credits: 2, mark: 'absent' }])).toEqual({ courses: 1, attempted: 2, earned: 0 });
    const document = transcriptDocument({ name: '王五', gender: '男', nationalStudentNo: 'L4401062019031500001', schoolName: 's', className: 'c', grades });
    expect(document.closing![0]).toBe('合计：修读 5 门 12.5 学分，获得 10.5 学分；学分加权平均分 67.16');
  });
});

describe('the renderers', () => {
  it('a PDF: every name and number as text, the header repeated on the next page, page numbers', async () => {
    const input = sheetInput(90);
    const { bytes, missing } = await renderPdf(gradeSheetDocument(input), { at: AT });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(missing).toBe(0);
    const pages = await pdfText(bytes);
    expect(pages).toHaveLength(3);
    const text = pages.join('\n');
    for (const student of input.students) expect(text).toContain(student.name);
    expect(pages[0]).toContain('登分表');
    expect(pages[0]).toContain('学校：广州市天河区第一实验小学');
    for (const page of pages) expect(page).toMatch(/序号\W+学号\W+姓名\W+成绩\W+是否通过/);
    expect(pages[0]).toContain('第 1 页 / 共 3 页');
    expect(pages[2]).toContain('第 3 页 / 共 3 页');
    expect(text).toContain('缺考');
    // Only the glyphs used are embedded: far below the font's 8 MB.
    expect(bytes.byteLength).toBeLessThan(200_000);
  });

  it('prints a character the font lacks (a rare one of Extension B) as □, and says so on the page', async () => {
    const document: ExportDocument = { title: '测试', facts: [['姓名', '李𠮷祥']], tables: [], fileName: 'x', sheetName: 'x' };
    const { bytes, missing } = await renderPdf(document, { at: AT });
    expect(missing).toBe(1);
    const [page] = await pdfText(bytes);
    expect(page).toContain('姓名：李□祥');
    expect(page).toContain('□ 为本文件字体中没有的生僻字');
    expect(page).not.toContain('\u0000');
  });

  it('an XLSX: the same rows, scores as numbers, marks as their labels', async () => {
    const input = sheetInput(12);
    const document = gradeSheetDocument(input);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(document, { at: AT })) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('三年级(2)班 计算机应用基础');
    let header = 0;
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === '序号') header = number;
    });
    const rows: unknown[][] = [];
    for (let number = header + 1; number <= header + input.students.length; number += 1) rows.push([1, 2, 3, 4, 5].map((column) => sheet.getRow(number).getCell(column).value));
    expect(rows).toEqual(document.tables[0]!.rows);
    expect(typeof rows[0]![3]).toBe('number');
    expect(rows[3]![3]).toBe('缺考');
  });
});

describe('files and links', () => {
  it('a file saves under its Chinese name, with an ASCII stand-in', () => {
    expect(attachment('登分表_数学_一年级(1)班.pdf')).toBe(`attachment; filename="__________(1)_.pdf"; filename*=UTF-8''${encodeURIComponent('登分表_数学_一年级')}%281%29${encodeURIComponent('班.pdf')}`);
    expect(fileNamePart('a/b:c*"d" \n e')).toBe('abcd e');
  });

  it('a file is offered while the bucket keeps it', () => {
    const now = Date.now();
    expect(exportKept(new Date(now - 86_400_000).toISOString(), now)).toBe(true);
    expect(exportKept(new Date(now - 6 * 86_400_000).toISOString(), now)).toBe(false);
  });

  it('export jobs go to the exports function; every kind to a queue some function consumes', () => {
    expect(JOB_QUEUE.export).toBe(EXPORTS_QUEUE);
    const consumed = new Set(appManifest.functions.flatMap((fn) => fn.triggers.flatMap((trigger) => (trigger.kind === 'queue' ? [trigger.queue] : []))));
    expect(JOB_KINDS.filter((kind) => !consumed.has(JOB_QUEUE[kind]))).toEqual([]);
  });
});

describe('who may export', () => {
  const principal = (role: Principal['role']): Principal => ({ userId: 'u', username: 'u', role, orgId: 'k', orgPath: '/p/c/k/s/g/k', displayName: 'u' });
  const allowed = (action: 'grades.exportSheet' | 'student.transcript') => ROLES.filter((role) => decide(principal(role), action, { orgPath: '/p/c/k/s/g/k' }).allowed);

  it('a grade sheet: the offices and teachers (a teacher only its own sections, checked with the section)', () => {
    expect(allowed('grades.exportSheet')).toEqual(['province_admin', 'city_admin', 'county_admin', 'school_registrar', 'teacher']);
  });

  it('a transcript: the offices, the class advisor and the student', () => {
    expect(allowed('student.transcript')).toEqual(['province_admin', 'city_admin', 'county_admin', 'school_registrar', 'class_advisor', 'student']);
  });
});
