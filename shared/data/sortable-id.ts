// Ids that sort by creation time (base-36 milliseconds, then random hex), so the items they key
// list in the order they were made without another attribute.
import { randomBytes } from 'node:crypto';

export const newSortableId = (): string => `${Date.now().toString(36).padStart(9, '0')}${randomBytes(4).toString('hex')}`;
