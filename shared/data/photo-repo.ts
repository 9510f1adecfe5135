// A student's photo state in the records table, next to the record:
//   STUDENT#<id> / PHOTO   the latest upload (its check's outcome) and the current photo
// A new upload replaces the latest one (the last form handed out wins; an older upload landing
// later finds another uploadId and is ignored). The check settles an upload only while it is the
// latest and pending, so it does so exactly once.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CurrentPhoto, PhotoState } from '#shared/domain/photos/photo.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
const photoItemKey = (studentId: string) => ({ PK: `STUDENT#${studentId}`, SK: 'PHOTO' });

export async function getPhotoState(studentId: string): Promise<PhotoState | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: photoItemKey(studentId), ConsistentRead: true }));
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, itemType: _type, ...state } = Item;
  return state as PhotoState;
}

/** A new pending upload; the current photo (and the one it replaced) stay as they are. */
export function photoUploadWrite(upload: Pick<PhotoState, 'studentId' | 'uploadId' | 'size' | 'uploadedBy' | 'uploadedAt' | 'uploadBy'>): TransactItem {
  return {
    Update: {
      TableName: table(),
      Key: photoItemKey(upload.studentId),
      UpdateExpression: 'SET itemType = :type, studentId = :student, uploadId = :upload, #status = :pending, reasons = :none, #size = :size, uploadedBy = :by, uploadedAt = :at, uploadBy = :until REMOVE width, height, checkedAt',
      ExpressionAttributeNames: { '#status': 'status', '#size': 'size' },
      ExpressionAttributeValues: {
        ':type': 'photo',
        ':student': upload.studentId,
        ':upload': upload.uploadId,
        ':pending': 'pending',
        ':none': [],
        ':size': upload.size,
        ':by': upload.uploadedBy,
        ':at': upload.uploadedAt,
        ':until': upload.uploadBy,
      },
    },
  };
}

export type PhotoOutcome =
  | { status: 'accepted'; photo: CurrentPhoto; retiredPhotoId?: string }
  | { status: 'rejected'; reasons: string[]; size: number; width?: number; height?: number };

/** Settles the upload: only while it is still the latest and pending (fails its condition otherwise). */
export function photoSettleWrite(studentId: string, uploadId: string, outcome: PhotoOutcome, at: string): TransactItem {
  const values: Record<string, unknown> = { ':status': outcome.status, ':at': at, ':upload': uploadId, ':pending': 'pending' };
  const set = ['#status = :status', 'checkedAt = :at'];
  const remove: string[] = [];
  if (outcome.status === 'accepted') {
    const { photo } = outcome;
    Object.assign(values, { ':current': photo, ':size': photo.size, ':width': photo.width, ':height': photo.height, ':none': [] });
    set.push('#current = :current', '#size = :size', 'width = :width', 'height = :height', 'reasons = :none');
    if (outcome.retiredPhotoId) {
      values[':retired'] = outcome.retiredPhotoId;
      set.push('retiredPhotoId = :retired');
    } else remove.push('retiredPhotoId');
  } else {
    Object.assign(values, { ':reasons': outcome.reasons, ':size': outcome.size });
    set.push('reasons = :reasons', '#size = :size');
    if (outcome.width !== undefined && outcome.height !== undefined) {
      Object.assign(values, { ':width': outcome.width, ':height': outcome.height });
      set.push('width = :width', 'height = :height');
    }
  }
  return {
    Update: {
      TableName: table(),
      Key: photoItemKey(studentId),
      UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: 'uploadId = :upload AND #status = :pending',
      ExpressionAttributeNames: { '#status': 'status', '#size': 'size', ...(outcome.status === 'accepted' ? { '#current': 'current' } : {}) },
      ExpressionAttributeValues: values,
    },
  };
}
