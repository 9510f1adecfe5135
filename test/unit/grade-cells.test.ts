// The web app's grade cells and terms, the pure part: what a teacher types is read as the server
// reads it (a score the server refuses is flagged before sending), and a page starts in the term
// today falls in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isScore } from '#shared/domain/grades/sheet.ts';
import { isTerm } from '#shared/domain/teaching/term.ts';
import { cellText, parseCell, sameGrade } from '../../web/src/pages/grades/cells.ts';
import { currentTerm, termChoices } from '../../web/src/pages/teaching/term.ts';

describe('grade cells', () => {
  it('read scores, marks by word or key, and nothing', () => {
    expect(parseCell('85')).toEqual({ kind: 'score', score: 85 });
    expect(parseCell(' 87.5 ')).toEqual({ kind: 'score', score: 87.5 });
    expect(parseCell('８５．５')).toEqual({ kind: 'score', score: 85.5 });
    expect(parseCell('100')).toEqual({ kind: 'score', score: 100 });
    expect(parseCell('0')).toEqual({ kind: 'score', score: 0 });
    for (const [typed, mark] of [['q', 'absent'], ['Q', 'absent'], ['缺考', 'absent'], ['m', 'exempt'], ['免', 'exempt'], ['z', 'cheating'], ['作弊', 'cheating']] as const) {
      expect(parseCell(typed)).toEqual({ kind: 'mark', mark });
    }
    expect(parseCell('  ')).toEqual({ kind: 'empty' });
  });

  it('flag what the server refuses, saying why', () => {
    expect(parseCell('101')).toMatchObject({ kind: 'invalid', message: '成绩不能超过 100', atOnce: true });
    expect(parseCell('85.25')).toMatchObject({ kind: 'invalid', message: '成绩最多保留一位小数', atOnce: true });
    expect(parseCell('-1')).toMatchObject({ kind: 'invalid', message: '成绩不能为负' });
    expect(parseCell('85.')).toMatchObject({ kind: 'invalid', atOnce: false });
    expect(parseCell('八十')).toMatchObject({ kind: 'invalid', atOnce: false });
  });

  it('accept exactly the scores the server accepts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 1, max: 2 }), (tenths, places) => {
        const text = (tenths / 10).toFixed(places);
        const cell = parseCell(text);
        expect(cell.kind === 'score').toBe(isScore(Number(text)));
      }),
    );
  });

  it('read once left as the sheet shows them, and compare by grade', () => {
    expect(cellText(parseCell('q'), 'q')).toBe('缺考');
    expect(cellText(parseCell('085.0'), '085.0')).toBe('85');
    expect(cellText(parseCell('abc'), 'abc')).toBe('abc');
    expect(sameGrade('85', '85.0')).toBe(true);
    expect(sameGrade('q', '缺考')).toBe(true);
    expect(sameGrade('85', '85.5')).toBe(false);
    expect(sameGrade('', '缺考')).toBe(false);
  });
});

describe('terms', () => {
  it('start from the term today falls in', () => {
    expect(currentTerm(new Date(2026, 8, 1))).toBe('2026-2027-1');
    expect(currentTerm(new Date(2026, 11, 31))).toBe('2026-2027-1');
    expect(currentTerm(new Date(2027, 0, 15))).toBe('2026-2027-1');
    expect(currentTerm(new Date(2027, 1, 1))).toBe('2026-2027-2');
    expect(currentTerm(new Date(2027, 7, 31))).toBe('2026-2027-2');
  });

  it('offer the recent ones, newest first, and any other asked for', () => {
    const choices = termChoices(['2500-2501-1', 'nonsense'], new Date(2026, 10, 1));
    expect(choices.every(isTerm)).toBe(true);
    expect(choices[0]).toBe('2500-2501-1');
    expect(choices).toContain('2026-2027-1');
    expect(choices).toContain('2022-2023-1');
    expect(choices).not.toContain('nonsense');
    expect([...choices]).toEqual([...choices].sort().reverse());
  });
});
