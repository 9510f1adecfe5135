// The pure rules of evidence (佐证材料): stored names, real types, the landed-file check, who may
// add files and when, how many a case holds, and when a slot never used is given up.
import { describe, expect, it } from 'vitest';
import type { StatusChange } from '#shared/domain/changes/case.ts';
import {
  contentDisposition,
  detectType,
  effectiveStatus,
  inspectLanded,
  MAX_EVIDENCE_BYTES,
  mayAddEvidence,
  parseIncomingKey,
  roomFor,
  sanitizeFileName,
  type Evidence,
} from '#shared/domain/changes/evidence.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
const PDF = new TextEncoder().encode('%PDF-1.7');

describe('file names', () => {
  it.each([
    ['C:\\Users\\张三\\户口本.PNG', 'image/png', '户口本.PNG'],
    ['/home/li/证明.pdf', 'application/pdf', '证明.pdf'],
    ['scan.pdf', 'image/png', 'scan.pdf.png'],
    ['照片', 'image/jpeg', '照片.jpg'],
    ['a\u202Egnp.exe', 'image/png', 'agnp.exe.png'],
    ['  多个   空格 .jpeg ', 'image/jpeg', '多个 空格.jpeg'],
    ['..hidden.png', 'image/png', 'hidden.png'],
    ['a<b>:c"d|e?f*g.png', 'image/png', 'abcdefg.png'],
  ] as const)('%s as %s is stored as %s', (raw, type, stored) => {
    expect(sanitizeFileName(raw, type)).toBe(stored);
  });

  it('keeps at most 100 characters, extension included, and refuses a name of nothing', () => {
    const long = sanitizeFileName(`${'𠮷'.repeat(150)}.pdf`, 'application/pdf')!;
    expect([...long]).toHaveLength(100);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(sanitizeFileName('???', 'image/png')).toBeUndefined();
    expect(sanitizeFileName('...', 'image/png')).toBeUndefined();
    expect(sanitizeFileName('.png', 'image/png')).toBe('png.png');
  });

  it('downloads under its own name, with an ASCII fallback', () => {
    expect(contentDisposition('户口本 (1).png')).toBe(`inline; filename="___ (1).png"; filename*=UTF-8''%E6%88%B7%E5%8F%A3%E6%9C%AC%20%281%29.png`);
  });
});

describe('the landed-file check', () => {
  it('tells the real type from the first bytes', () => {
    expect([PNG, JPG, PDF].map(detectType)).toEqual(['image/png', 'image/jpeg', 'application/pdf']);
    expect(detectType(new TextEncoder().encode('GIF89a..'))).toBeUndefined();
    expect(detectType(new Uint8Array())).toBeUndefined();
  });

  it('accepts the declared type and size, and says in Chinese what is wrong otherwise', () => {
    expect(inspectLanded({ contentType: 'image/png', size: 100 }, { size: 100, head: PNG })).toEqual({ ok: true });
    expect(inspectLanded({ contentType: 'image/png', size: 100 }, { size: 100, head: JPG })).toEqual({ ok: false, reason: '文件内容是 JPG 格式，与申报的 PNG 不符' });
    expect(inspectLanded({ contentType: 'image/png', size: 100 }, { size: 100, head: new TextEncoder().encode('hello wo') })).toEqual({ ok: false, reason: '文件内容不是 JPG、PNG 或 PDF 格式 (申报为 PNG)' });
    expect(inspectLanded({ contentType: 'application/pdf', size: 100 }, { size: 99, head: PDF })).toMatchObject({ ok: false, reason: expect.stringMatching(/与申报的 100 字节不符/) });
    expect(inspectLanded({ contentType: 'application/pdf', size: MAX_EVIDENCE_BYTES + 1 }, { size: MAX_EVIDENCE_BYTES + 1, head: PDF })).toMatchObject({ ok: false, reason: expect.stringMatching(/超过 2 MB/) });
  });

  it('knows only the keys it hands out', () => {
    expect(parseIncomingKey('incoming/evidence/0mhy7q2c4e5f6a7b8/0mhz1x2y3a1b2c3d4')).toEqual({ changeId: '0mhy7q2c4e5f6a7b8', evidenceId: '0mhz1x2y3a1b2c3d4' });
    for (const key of ['incoming/evidence/a/b/c', 'incoming/evidence/a', 'evidence/a/b', 'incoming/evidence/a/../b']) expect(parseIncomingKey(key)).toBeUndefined();
  });
});

const change = (overrides: Partial<StatusChange> = {}): StatusChange =>
  ({
    changeId: 'c1',
    status: 'pending',
    applicant: { userId: 'u', displayName: 'd', orgId: 'school-1', orgPath: '/p/c/county-1/school-1', orgName: 's' },
    steps: [
      { role: 'county_admin', orgId: 'county-1', status: 'approved' },
      { role: 'city_admin', orgId: 'city-1', status: 'current' },
    ],
    currentStep: 1,
    ...overrides,
  }) as unknown as StatusChange;

describe('who may add evidence', () => {
  it('is the applicant organisation, and the current step’s organisation in the step’s role, while pending', () => {
    expect(mayAddEvidence(change(), { orgId: 'school-1', role: 'school_registrar' })).toEqual({ ok: true, asStep: false });
    expect(mayAddEvidence(change(), { orgId: 'city-1', role: 'city_admin' })).toEqual({ ok: true, asStep: true });
    expect(mayAddEvidence(change(), { orgId: 'county-1', role: 'county_admin' })).toEqual({ ok: false, refusal: 'NOT_ALLOWED' });
    expect(mayAddEvidence(change(), { orgId: 'province', role: 'province_admin' })).toEqual({ ok: false, refusal: 'NOT_ALLOWED' });
    expect(mayAddEvidence(change({ status: 'cancelled' }), { orgId: 'school-1', role: 'school_registrar' })).toEqual({ ok: false, refusal: 'CASE_CLOSED' });
  });
});

const item = (status: Evidence['status'], uploadBy: string): Evidence => ({ changeId: 'c1', evidenceId: `e-${Math.random()}`, fileName: 'a.png', contentType: 'image/png', size: 1, status, addedBy: { userId: 'u', displayName: 'd', orgId: 'o' }, addedAt: uploadBy, uploadBy });

describe('files per case', () => {
  const now = new Date('2026-10-09T12:00:00Z');
  const soon = '2026-10-09T12:05:00Z';
  const long = '2026-10-09T10:00:00Z';

  it('gives up a slot an hour after its upload window closed without a checked file', () => {
    expect(effectiveStatus(item('pending', soon), now)).toEqual({ status: 'pending' });
    expect(effectiveStatus(item('pending', '2026-10-09T11:30:00Z'), now)).toEqual({ status: 'pending' });
    expect(effectiveStatus(item('pending', long), now)).toEqual({ status: 'rejected', reason: '未在上传期限内收到或核验文件，请重新上传' });
    expect(effectiveStatus(item('accepted', long), now)).toEqual({ status: 'accepted' });
  });

  it('holds 10 files, accepted or expected, and hands out 30 slots in all', () => {
    const nine = Array.from({ length: 9 }, () => item('accepted', long));
    expect(roomFor([...nine], now)).toBeUndefined();
    expect(roomFor([...nine, item('pending', soon)], now)).toBe('TOO_MANY_FILES');
    expect(roomFor([...nine, item('pending', long), item('rejected', soon)], now)).toBeUndefined();
    expect(roomFor([...nine, ...Array.from({ length: 21 }, () => item('rejected', soon))], now)).toBe('TOO_MANY_UPLOADS');
  });
});
