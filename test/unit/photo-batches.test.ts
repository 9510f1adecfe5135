// Photo batches' pure rules: what a file's name says about whose photo it is, and which zip entries
// are refused before anything of them is inflated.
import { describe, expect, it } from 'vitest';
import { decodeEntryName, isUnsafePath, screenEntry } from '#shared/domain/photos/batch-entries.ts';
import { classIdOf, gradeYearOf, parsePhotoName } from '#shared/domain/photos/batch-names.ts';

describe('a photo’s file name', () => {
  it('an 18-character ID number, its X in either case, in any folder', () => {
    expect(parsePhotoName('2026级/1班/44010620190315002x.jpg')).toEqual({ kind: 'idNumber', idNumber: '44010620190315002X' });
    expect(parsePhotoName('440106201903150023.JPEG')).toEqual({ kind: 'idNumber', idNumber: '440106201903150023' });
  });

  it('学校标识码_班号_姓名: the grade from the folder, or from a 班号 written as year and class', () => {
    expect(parsePhotoName('2026级/一年级1班/2144010601_1_李𠮷祥.jpg')).toEqual({ kind: 'schoolClassName', schoolCode: '2144010601', classNo: '01', gradeYear: '2026', name: '李𠮷祥' });
    expect(parsePhotoName('2144010601_202503_阿依古丽·买买提.jpg')).toEqual({ kind: 'schoolClassName', schoolCode: '2144010601', classNo: '03', gradeYear: '2025', name: '阿依古丽·买买提' });
    expect(parsePhotoName('照片/2144010601_12_王芳.jpg')).toMatchObject({ classNo: '12', gradeYear: undefined });
  });

  it('anything else is no name', () => {
    for (const name of ['张三.jpg', '44010620190315002.jpg', '2144010601_张三.jpg', '214401060_1_张三.jpg', '2144010601_123_张三.jpg']) expect(parsePhotoName(name), name).toEqual({ kind: 'unknown' });
  });

  it('a grade’s or a class’s entry year, and the class a name points at', () => {
    expect(gradeYearOf('2144010601-G2026')).toBe('2026');
    expect(gradeYearOf('2144010601-G2026-C03')).toBe('2026');
    expect(gradeYearOf('2144010601')).toBeUndefined();
    expect(classIdOf('2144010601', '2026', '03')).toBe('2144010601-G2026-C03');
  });
});

describe('screening a zip entry before inflating it', () => {
  const entry = (path: string, uncompressedSize = 20_000, compressedSize = 19_000) => ({ path, uncompressedSize, compressedSize, isDirectory: false });

  it('reads a photo-sized entry', () => {
    expect(screenEntry(entry('2026级/1班/440106201903150023.jpg'))).toEqual({ verdict: 'read' });
  });

  it('passes over folders and zip tools’ litter', () => {
    expect(screenEntry({ ...entry('2026级/'), isDirectory: true })).toEqual({ verdict: 'skip' });
    for (const path of ['__MACOSX/2026级/._a.jpg', '2026级/.DS_Store', '2026级/Thumbs.db']) expect(screenEntry(entry(path)), path).toEqual({ verdict: 'skip' });
  });

  it('refuses paths out of the zip: .., absolute, drive letters, either slash', () => {
    for (const path of ['../evil.jpg', '2026级/../../evil.jpg', '/etc/evil.jpg', 'C:/evil.jpg', 'c:evil.jpg', '..\\evil.jpg', '\\evil.jpg']) {
      expect(isUnsafePath(path), path).toBe(true);
      expect(screenEntry(entry(path)), path).toMatchObject({ verdict: 'refuse', reason: expect.stringContaining('路径不安全') });
    }
    expect(isUnsafePath('2026级/1班/a..b.jpg')).toBe(false);
  });

  it('refuses a zip bomb by its ratio, an entry over the photo limit and an empty one', () => {
    expect(screenEntry(entry('bomb.jpg', 200 * 1024 * 1024, 200 * 1024))).toMatchObject({ verdict: 'refuse', reason: expect.stringContaining('压缩炸弹') });
    expect(screenEntry(entry('big.jpg', 130 * 1024, 125 * 1024))).toMatchObject({ verdict: 'refuse', reason: expect.stringContaining('超过照片上传上限') });
    expect(screenEntry(entry('empty.jpg', 0, 0))).toMatchObject({ verdict: 'refuse', reason: '文件是空的' });
  });

  it('decodes names as UTF-8 when flagged or valid, else as GB18030 (Chinese Windows zip tools)', () => {
    const utf8 = new TextEncoder().encode('2026级/张三.jpg');
    expect(decodeEntryName(utf8, true)).toBe('2026级/张三.jpg');
    expect(decodeEntryName(utf8, false)).toBe('2026级/张三.jpg');
    // 张三 in GBK.
    expect(decodeEntryName(Uint8Array.from([0xd5, 0xc5, 0xc8, 0xfd, 0x2e, 0x6a, 0x70, 0x67]), false)).toBe('张三.jpg');
  });
});
