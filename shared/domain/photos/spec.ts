// Registry photos (照片): the specifications a photo is checked against, and which one a deployment
// uses. K-12 (DOMAIN.md "Photos"): 26 × 32 mm at 150 dpi or more, so at least 154 × 189 px, a
// portrait of ratio 26:32, a JPEG under 60 KB. Some provinces and colleges ask for 358 × 441 px, and
// higher education (学信网) for 480 × 640 px (3:4). The documents give no size limit for those two,
// so they keep the K-12 one (unconfirmed: change it here). Pure; the web app reads it for its hints.

export interface PhotoSpec {
  /** Shown in reasons and hints. */
  label: string;
  minWidth: number;
  minHeight: number;
  /** The portrait ratio width:height, as people write it. */
  ratio: readonly [width: number, height: number];
  /** The file must be smaller than this, in bytes. */
  maxBytes: number;
}

const KB60 = 60 * 1024;

export const PHOTO_SPECS = {
  k12: { label: '中小学学籍照片', minWidth: 154, minHeight: 189, ratio: [26, 32], maxBytes: KB60 },
  graduate358: { label: '358 × 441 像素照片', minWidth: 358, minHeight: 441, ratio: [358, 441], maxBytes: KB60 },
  graduate480: { label: '480 × 640 像素照片', minWidth: 480, minHeight: 640, ratio: [3, 4], maxBytes: KB60 },
} as const satisfies Record<string, PhotoSpec>;
export type PhotoSpecName = keyof typeof PHOTO_SPECS;

/** How far a photo's width:height may be from the spec's, relative (±5 %). */
export const RATIO_TOLERANCE = 0.05;

/**
 * The deployment's spec (PHOTO_SPEC, K-12 when unset). An unknown name throws: a deployment that
 * asked for another spec must not silently check against the wrong one.
 */
export function photoSpecFrom(value: string | undefined): PhotoSpec {
  const name = value?.trim() || 'k12';
  if (!(name in PHOTO_SPECS)) throw new Error(`PHOTO_SPEC must be one of ${Object.keys(PHOTO_SPECS).join(', ')}, got "${name}"`);
  return PHOTO_SPECS[name as PhotoSpecName];
}

/**
 * The largest upload the form allows: twice the largest spec limit. A photo a little too big still
 * lands and is checked, so its sender learns every rule it breaks at once (too big and too small,
 * say) instead of one refusal at a time; the check then rejects it for its size.
 */
export const MAX_PHOTO_UPLOAD_BYTES = 2 * KB60;

/** A photo's status as callers see it. */
export type PhotoStatus = 'pending' | 'accepted' | 'rejected';
