// Photo batches (照片批量采集, DOMAIN.md "Photos"): a zip of a class's, a grade's or a school's
// photos, foldered by grade and class, each file named by the student's ID number or
// `学校标识码_班号_姓名`. The zip goes straight to the bucket; a job then reads it entry by entry,
// matches each file to a student of the batch's organisation and takes the photo through the
// same check and acceptance as a single upload, reporting each file. Pure.

/** The largest zip taken: a school's 3,000 photos under 60 KB each come to some 50 MB (JPEGs do not compress). */
export const MAX_BATCH_ZIP_BYTES = 50 * 1024 * 1024;
/** Entries of one zip at most (folders counted): more is not a school's photos. */
export const MAX_BATCH_ENTRIES = 5000;
/**
 * Inflated size over compressed size beyond which an entry is a zip bomb: a JPEG barely deflates
 * (its data is entropy-coded already), a run of zeros deflates a thousandfold.
 */
export const MAX_COMPRESSION_RATIO = 20;

export const BATCH_CONTENT_TYPE = 'application/zip';
/** How long the upload form may be used. */
export const BATCH_UPLOAD_SECONDS = 15 * 60;
/** The bucket keeps a batch's zip this long (a lifecycle rule on the prefix); its report stays in the table. */
export const BATCH_KEEP_DAYS = 7;
export const PHOTO_BATCH_PREFIX = 'photo-batches/';
/** Ids only in the key, never a name. */
export const batchZipKey = (batchId: string) => `${PHOTO_BATCH_PREFIX}${batchId}.zip`;

/** The photo made of a batch's entry: its upload id, the same on every retry, so a retry writes the same files. */
export const batchUploadId = (batchId: string, entry: number) => `${batchId}-${entry}`;

export const FILE_STATUSES = ['accepted', 'rejected', 'refused', 'unmatched'] as const;
/**
 * accepted: the student's photo now; rejected: matched, but the photo check refused it (the
 * student's photo state says why, as for a single upload); refused: not taken at all (an unsafe
 * or non-JPEG entry, a student outside the batch), nothing was touched; unmatched: no student.
 */
export type FileStatus = (typeof FILE_STATUSES)[number];

export interface FileResult {
  /** The entry's position in the zip's directory. */
  entry: number;
  /** The entry's path in the zip, as the sender named it. */
  file: string;
  studentId: string | null;
  status: FileStatus;
  /** Why, for all but accepted files (one line per broken rule, joined). */
  reason: string | null;
}

export interface PhotoBatch {
  batchId: string;
  /** The class, grade or school the photos are for: no file reaches a student outside it. */
  orgId: string;
  orgKind: 'school' | 'grade' | 'class';
  orgName: string;
  orgPath: string;
  schoolId: string;
  size: number;
  createdBy: { userId: string; displayName: string; orgPath: string };
  createdAt: string;
  /** The job that works through the zip, once started. */
  jobId?: string;
}

/** A batch job's progress: the next entry to look at and the files so far, by status. */
export interface BatchState {
  next: number;
  counts: Record<FileStatus, number>;
}

export const emptyCounts = (): Record<FileStatus, number> => ({ accepted: 0, rejected: 0, refused: 0, unmatched: 0 });
