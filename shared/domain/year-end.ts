// Year-end batches (学年末), the pure part. Grades are keyed by their entry year and never move
// (`<school>-G2026`, code `2026`); what changes at the end of a school year is the level in their
// names: `2026级 (一年级)` and its class `一年级(1)班` become `2026级 (二年级)` and `二年级(1)班`.
//
// Promotion (升级) moves every grade that has students on roll one level up, except a grade in the
// last year of its stage (the leaving grade: 六年级 of a primary school, 九年级 or 初三 of a junior
// school, 高三): its students leave through graduation (毕业) instead. 六年级 is a last year only in
// a school without 七年级 to 九年级 (a nine-year school goes on to 七年级). A grade without students
// on roll (graduated already, or a new intake's grade not yet filled) keeps its name, and so does a
// grade whose name carries no level this module knows: the batch reports it.
import { DEFAULT_LISTED_STATUSES, type RecordStatus } from './changes/kinds.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const LEVEL = /([一二三四五六七八九])年级|([初高])([一二三])/;

/** A level found in a name: its ladder, its place on the ladder (0-based) and the words it was written with. */
interface Level {
  ladder: 'year' | '初' | '高';
  index: number;
  token: string;
  at: number;
}

function levelOf(name: string): Level | undefined {
  const match = LEVEL.exec(name);
  if (!match) return undefined;
  if (match[1]) return { ladder: 'year', index: NUMERALS.indexOf(match[1] as (typeof NUMERALS)[number]), token: match[0], at: match.index };
  return { ladder: match[2] as '初' | '高', index: NUMERALS.indexOf(match[3] as (typeof NUMERALS)[number]), token: match[0], at: match.index };
}

const spell = (level: Level, index: number): string => (level.ladder === 'year' ? `${NUMERALS[index]}年级` : `${level.ladder}${NUMERALS[index]}`);

/** Whether a level is the last year of its stage, given whether the school has 七年级 to 九年级 (a nine-year school). */
function isLastYear(level: Level, nineYear: boolean): boolean {
  if (level.ladder !== 'year') return level.index === 2;
  return level.index === 8 || (level.index === 5 && !nineYear);
}

/** The name one level up, or the name itself when it carries no level or is already in a last year. */
export function nameOneUp(name: string, nineYear: boolean): string {
  const level = levelOf(name);
  if (!level || isLastYear(level, nineYear)) return name;
  return `${name.slice(0, level.at)}${spell(level, level.index + 1)}${name.slice(level.at + level.token.length)}`;
}

export interface GradeInfo {
  gradeId: string;
  name: string;
  classes: { classId: string; name: string }[];
  /** Students on roll in the grade (enrolled or on leave, not deleted). */
  onRoll: number;
}

export interface GradeMove {
  gradeId: string;
  from: string;
  to: string;
  classes: { classId: string; from: string; to: string }[];
}

export interface PromotionPlan {
  moves: GradeMove[];
  /** Grades in the last year of their stage, with students on roll: they wait for graduation. */
  leaving: string[];
  /** Grades without students on roll: left as they are. */
  idle: string[];
  /** Grades with students on roll whose name carries no known level: not promoted, reported. */
  unrecognized: { gradeId: string; name: string }[];
}

export function planPromotion(grades: readonly GradeInfo[]): PromotionPlan {
  const nineYear = grades.some((grade) => {
    const level = levelOf(grade.name);
    return level?.ladder === 'year' && level.index >= 6;
  });
  const plan: PromotionPlan = { moves: [], leaving: [], idle: [], unrecognized: [] };
  for (const grade of grades) {
    const level = levelOf(grade.name);
    if (grade.onRoll === 0) plan.idle.push(grade.gradeId);
    else if (!level) plan.unrecognized.push({ gradeId: grade.gradeId, name: grade.name });
    else if (isLastYear(level, nineYear)) plan.leaving.push(grade.gradeId);
    else {
      plan.moves.push({
        gradeId: grade.gradeId,
        from: grade.name,
        to: nameOneUp(grade.name, nineYear),
        classes: grade.classes.map((cls) => ({ classId: cls.classId, from: cls.name, to: nameOneUp(cls.name, nineYear) })),
      });
    }
  }
  return plan;
}

/** Records on roll: what year-end batches work on, and what lists show unless asked otherwise. */
export const ON_ROLL: readonly RecordStatus[] = DEFAULT_LISTED_STATUSES;

export const isOnRoll = (record: { status?: RecordStatus | undefined; deleted?: unknown }): boolean => !record.deleted && ON_ROLL.includes(record.status ?? 'enrolled');
