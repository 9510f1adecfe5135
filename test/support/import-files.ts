// Spreadsheets for the bulk-intake suites: the template as the API gives it, rows made from its
// example row (a new student with an ID number of its own in a given class), files built from
// them, and an upload through the presigned POST as a browser sends it.
import ExcelJS from 'exceljs';
import { birthDateOf, validIdNumber } from './students.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Template {
  headers: string[];
  example: ExcelJS.CellValue[];
}

export async function fetchTemplate(url: string, token: string): Promise<Template> {
  const response = await fetch(`${url}/v1/imports/template`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`template: ${response.status}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  return { headers: (sheet.getRow(1).values as string[]).slice(1), example: (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1) };
}

/** Where a column is, by its header without the ★ of a required one. */
export function columnOf(template: Template, header: string): number {
  const index = template.headers.findIndex((text) => text.replace(/★$/, '') === header);
  if (index < 0) throw new Error(`no column ${header} in the template`);
  return index;
}

/** A name without digits (a name holds none): the prefix and the number in Chinese digits. */
export const nameOf = (prefix: string, index: number) => `${prefix}${[...String(index)].map((digit) => '零一二三四五六七八九'[Number(digit)]).join('')}`;

/** The template's example row as a new student in the given grade and class. */
export function studentRow(template: Template, place: { grade: string; klass: string }, name: string, idNumber = validIdNumber()): ExcelJS.CellValue[] {
  const row = [...template.example];
  row[columnOf(template, '姓名')] = name;
  row[columnOf(template, '身份证件号')] = idNumber;
  row[columnOf(template, '性别')] = Number(idNumber[16]) % 2 === 1 ? '男' : '女';
  row[columnOf(template, '出生日期')] = birthDateOf(idNumber);
  row[columnOf(template, '年级')] = place.grade;
  row[columnOf(template, '班级')] = place.klass;
  return row;
}

export async function xlsxOf(template: Template, rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('学生信息');
  sheet.addRow(template.headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Creates the import and sends the file to the bucket; answers the import's id. */
export async function uploadImport(url: string, token: string, schoolId: string, bytes: Buffer, format: 'xlsx' | 'csv', fileName: string): Promise<string> {
  const created = await fetch(`${url}/v1/imports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ schoolId, fileName, format, size: bytes.length }),
  });
  const body = (await created.json()) as { importId: string; upload: { url: string; fields: Record<string, string> } };
  if (created.status !== 201) throw new Error(`create import: ${created.status} ${JSON.stringify(body)}`);
  const form = new FormData();
  for (const [field, value] of Object.entries(body.upload.fields)) form.append(field, value);
  form.append('file', new Blob([bytes], { type: format === 'xlsx' ? XLSX_TYPE : 'text/csv' }), fileName);
  const sent = await fetch(body.upload.url, { method: 'POST', body: form, headers: { origin: url } });
  if (sent.status !== 204) throw new Error(`upload: ${sent.status} ${await sent.text()}`);
  return body.importId;
}
