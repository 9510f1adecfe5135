// A grade cell as the teacher types it: a score (0 to 100, one decimal at most, full-width digits
// too), a mark by its word or a one-key shortcut (Q 缺考, M 免考, Z 作弊), or nothing yet. Checked
// as the server checks it (isScore), so a wrong cell is flagged before anything is sent.
import { isScore, MARK_LABEL, type Mark } from '#shared/domain/grades/sheet.ts';

export type Cell = { kind: 'empty' } | { kind: 'score'; score: number } | { kind: 'mark'; mark: Mark } | { kind: 'invalid'; message: string; atOnce: boolean };
// `atOnce`: wrong whatever comes next (over 100, a second decimal), so flagged while typing; other
// mistakes (85. or a stray letter) are flagged once the cell is left.

const MARK_WORDS: Record<string, Mark> = { q: 'absent', 缺: 'absent', 缺考: 'absent', m: 'exempt', 免: 'exempt', 免考: 'exempt', z: 'cheating', 弊: 'cheating', 作弊: 'cheating' };

export const SHORTCUTS = 'Q 缺考、M 免考、Z 作弊';

export function parseCell(text: string): Cell {
  const value = text.normalize('NFKC').trim().replace(/。/g, '.');
  if (value === '') return { kind: 'empty' };
  const mark = MARK_WORDS[value.toLowerCase()];
  if (mark) return { kind: 'mark', mark };
  if (/^-\d+(\.\d*)?$/.test(value)) return { kind: 'invalid', message: '成绩不能为负', atOnce: true };
  if (!/^\d+(\.\d+)?$/.test(value)) return { kind: 'invalid', message: `请输入 0–100 的成绩，或 ${SHORTCUTS}`, atOnce: false };
  const score = Number(value);
  if (score > 100) return { kind: 'invalid', message: '成绩不能超过 100', atOnce: true };
  if (!isScore(score)) return { kind: 'invalid', message: '成绩最多保留一位小数', atOnce: true };
  return { kind: 'score', score };
}

/** How a cell reads once left: 缺考 for q, 85 for 085 or 85.0; a wrong cell as typed. */
export function cellText(cell: Cell, typed: string): string {
  if (cell.kind === 'score') return String(cell.score);
  if (cell.kind === 'mark') return MARK_LABEL[cell.mark];
  if (cell.kind === 'empty') return '';
  return typed;
}

/** A saved grade as its cell shows it. */
export const gradeText = (grade: { score?: number | undefined; mark?: Mark | undefined }): string => (grade.mark ? MARK_LABEL[grade.mark] : grade.score === undefined ? '' : String(grade.score));

/** Two texts holding the same grade (85 and 85.0, q and 缺考) are not a change. */
export function sameGrade(a: string, b: string): boolean {
  const left = parseCell(a);
  const right = parseCell(b);
  if (left.kind === 'invalid' || right.kind === 'invalid') return a.trim() === b.trim();
  return JSON.stringify(left) === JSON.stringify(right);
}
