// The pure rules of student photos (shared/domain/photos): the specs and the deployment's choice,
// the check of a landed file from its bytes (each broken rule one reason), the thumbnail, the keys,
// a never-landed upload, and who may upload and see a photo.
import jpegJs from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { checkPhoto, decodeJpeg, dimensionReasons, isJpeg } from '#shared/domain/photos/check.ts';
import { incomingPhotoKey, parseIncomingPhotoKey, photoKey, thumbnailKey } from '#shared/domain/photos/keys.ts';
import { effectivePhotoStatus, PHOTO_CHECK_GRACE_SECONDS, PHOTO_NOT_RECEIVED } from '#shared/domain/photos/photo.ts';
import { PHOTO_SPECS, photoSpecFrom } from '#shared/domain/photos/spec.ts';
import { downscale, thumbnail, THUMBNAIL_WIDTH } from '#shared/domain/photos/thumbnail.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Role } from '#shared/domain/roles.ts';
import { jpeg, png } from '../support/files.ts';

const k12 = PHOTO_SPECS.k12;

describe('photo specs', () => {
  it('K-12 unless the deployment names another; an unknown name throws', () => {
    expect(photoSpecFrom(undefined)).toBe(k12);
    expect(photoSpecFrom('')).toBe(k12);
    expect(photoSpecFrom('graduate480')).toMatchObject({ minWidth: 480, minHeight: 640, ratio: [3, 4] });
    expect(photoSpecFrom('graduate358')).toMatchObject({ minWidth: 358, minHeight: 441 });
    expect(() => photoSpecFrom('passport')).toThrow(/PHOTO_SPEC must be one of k12, graduate358, graduate480/);
  });

  it('each spec’s own minimum passes its ratio rule', () => {
    for (const spec of Object.values(PHOTO_SPECS)) expect(dimensionReasons(spec.minWidth, spec.minHeight, spec)).toEqual([]);
  });
});

describe('dimensions', () => {
  it('at least 154 × 189, portrait 26:32 within 5 %', () => {
    expect(dimensionReasons(358, 441, k12)).toEqual([]);
    expect(dimensionReasons(153, 189, k12)).toEqual(['图像为 153 × 189 像素，至少须 154 × 189 像素']);
    // 0.8125 × 1.05 = 0.853: 171/200 = 0.855 is out, 170/200 = 0.85 in; 0.8125 × 0.95 = 0.772: 154/200 = 0.77 is out.
    expect(dimensionReasons(170, 200, k12)).toEqual([]);
    expect(dimensionReasons(171, 200, k12)).toHaveLength(1);
    expect(dimensionReasons(156, 200, k12)).toEqual([]);
    expect(dimensionReasons(154, 200, k12)[0]).toMatch(/^宽高比不符：154 × 200 像素的宽高比为 0.770，须为 26:32 的竖版照片/);
    // Landscape, too small and the wrong ratio: both reasons.
    expect(dimensionReasons(189, 154, k12)).toHaveLength(2);
  });

  it('the graduate spec is 3:4 at 480 × 640 or more', () => {
    const spec = PHOTO_SPECS.graduate480;
    expect(dimensionReasons(480, 640, spec)).toEqual([]);
    expect(dimensionReasons(358, 441, spec)).toEqual(['图像为 358 × 441 像素，至少须 480 × 640 像素', expect.stringMatching(/须为 3:4 的竖版照片/) as unknown as string]);
  });
});

describe('checkPhoto', () => {
  it('accepts a real JPEG of the right size and ratio, decoded', () => {
    const verdict = checkPhoto(jpeg(180, 222), k12);
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect([verdict.photo.width, verdict.photo.height, verdict.photo.data.length]).toEqual([180, 222, 180 * 222 * 4]);
  });

  it('tells a JPEG by its bytes: a PNG is refused whatever it is called', () => {
    expect(isJpeg(jpeg(10, 10))).toBe(true);
    expect(isJpeg(png(10))).toBe(false);
    expect(checkPhoto(png(60, 74), k12)).toEqual({ ok: false, reasons: ['文件内容不是 JPEG 图像 (以文件内容为准，与文件名和申报的类型无关)'] });
  });

  it('gives one reason per broken rule, with the measured size', () => {
    const small = checkPhoto(jpeg(100, 160), k12);
    expect(small).toMatchObject({ ok: false, width: 100, height: 160 });
    if (!small.ok) expect(small.reasons).toEqual(['图像为 100 × 160 像素，至少须 154 × 189 像素', expect.stringMatching(/^宽高比不符/) as unknown as string]);
    const big = jpeg(200, 246, { noise: true, quality: 90 });
    expect(big.length).toBeGreaterThanOrEqual(60 * 1024);
    const heavy = checkPhoto(big, k12);
    expect(heavy.ok).toBe(false);
    if (!heavy.ok) expect(heavy.reasons).toEqual([expect.stringMatching(/^文件为 \d+\.\d KB，须小于 60 KB$/) as unknown as string]);
  });

  it('refuses a broken JPEG and one claiming more pixels than the decoder may hold, without decoding it', () => {
    const whole = jpeg(180, 222);
    expect(checkPhoto(whole.subarray(0, 40), k12)).toMatchObject({ ok: false, reasons: [expect.stringMatching(/无法解码/)] });
    // The frame header (SOF0) says 65535 × 65535: refused before any memory is taken for it.
    const huge = Buffer.from(whole);
    const sof = huge.indexOf(Buffer.from([0xff, 0xc0]));
    huge.writeUInt16BE(65535, sof + 5);
    huge.writeUInt16BE(65535, sof + 7);
    expect(decodeJpeg(huge)).toEqual({ reason: '图像像素过多 (超过 4 百万像素)，请缩小后再上传' });
  });
});

describe('thumbnail', () => {
  it('a box downscale to 77 px wide keeping the ratio, a real JPEG of the photo’s colours', () => {
    const verdict = checkPhoto(jpeg(358, 441), k12);
    if (!verdict.ok) throw new Error('not accepted');
    const small = thumbnail(verdict.photo);
    expect([small.width, small.height]).toEqual([THUMBNAIL_WIDTH, 95]);
    const decoded = jpegJs.decode(small.bytes, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([77, 95]);
    // The corner is the light-blue background, the centre the face.
    const near = (at: number, rgb: number[]) => expect(Math.max(...rgb.map((value, channel) => Math.abs(decoded.data[at + channel]! - value)))).toBeLessThan(16);
    near(0, [150, 200, 240]);
    near((47 * 77 + 38) * 4, [240, 200, 170]);
  });

  it('averages the pixels it covers, and never scales up', () => {
    const photo = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 255, 200, 100, 50, 255]) };
    expect([...downscale(photo, 1).data]).toEqual([100, 50, 25, 255]);
    expect(downscale(photo, 10).width).toBe(2);
  });
});

describe('keys and status', () => {
  it('keys hold ids only; an upload key parses back, nothing else does', () => {
    expect(incomingPhotoKey('s-1', 'u1')).toBe('incoming/photos/s-1/u1');
    expect(parseIncomingPhotoKey('incoming/photos/s-1/u1')).toEqual({ studentId: 's-1', uploadId: 'u1' });
    expect(parseIncomingPhotoKey('incoming/photos/s-1/u1/x')).toBeUndefined();
    expect(parseIncomingPhotoKey('incoming/evidence/s-1/u1')).toBeUndefined();
    expect([photoKey('s-1', 'u1'), thumbnailKey('s-1', 'u1')]).toEqual(['photos/s-1/u1.jpg', 'photos/s-1/u1.thumb.jpg']);
  });

  it('an upload never checked is given up after its grace period', () => {
    const uploadBy = '2026-09-01T00:10:00.000Z';
    const pending = { status: 'pending' as const, reasons: [], uploadBy };
    expect(effectivePhotoStatus(pending, new Date(Date.parse(uploadBy) + PHOTO_CHECK_GRACE_SECONDS * 1000))).toEqual({ status: 'pending', reasons: [] });
    expect(effectivePhotoStatus(pending, new Date(Date.parse(uploadBy) + PHOTO_CHECK_GRACE_SECONDS * 1000 + 1))).toEqual({ status: 'rejected', reasons: [PHOTO_NOT_RECEIVED] });
    expect(effectivePhotoStatus({ status: 'accepted', reasons: [], uploadBy }, new Date('2030-01-01'))).toEqual({ status: 'accepted', reasons: [] });
  });
});

describe('who may upload and see a photo', () => {
  const school = '/44/4401/440106/2144010601';
  const target = { orgPath: `${school}/2144010601-G2026/2144010601-G2026-C01`, studentId: 'st-1', classId: '2144010601-G2026-C01' };
  const as = (role: Role, orgPath = school, extra: Partial<Principal> = {}): Principal => ({ userId: role, username: role, role, orgId: orgPath.split('/').pop()!, orgPath, displayName: role, ...extra });

  it('the school’s registrar uploads; nobody else', () => {
    expect(decide(as('school_registrar'), 'photo.upload', target).allowed).toBe(true);
    expect(decide(as('school_registrar', '/44/4401/440106/2144010602'), 'photo.upload', target)).toEqual({ allowed: false, reason: 'OUT_OF_SCOPE' });
    for (const role of ['county_admin', 'teacher', 'class_advisor', 'student'] as const) expect(decide(as(role), 'photo.upload', target).allowed).toBe(false);
  });

  it('the offices and the student itself see it; teachers and advisors, who see masked records, do not', () => {
    expect(decide(as('county_admin', '/44/4401/440106'), 'photo.read', target).allowed).toBe(true);
    expect(decide(as('student', target.orgPath, { studentId: 'st-1' }), 'photo.read', target).allowed).toBe(true);
    expect(decide(as('student', target.orgPath, { studentId: 'st-2' }), 'photo.read', target).allowed).toBe(false);
    expect(decide(as('teacher', school, { classIds: [target.classId] }), 'photo.read', target)).toEqual({ allowed: false, reason: 'ROLE_NOT_ALLOWED' });
    expect(decide(as('class_advisor', target.orgPath), 'photo.read', target)).toEqual({ allowed: false, reason: 'ROLE_NOT_ALLOWED' });
  });
});
