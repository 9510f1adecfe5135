// Who is calling: the verified token subject joined with the app's own user record.
import type { Role } from './roles.ts';

export interface Principal {
  userId: string;
  username: string;
  role: Role;
  orgId: string;
  orgPath: string;
  displayName: string;
  /** Set for student users: the record they may see (themselves). */
  studentId?: string;
  /** Set for teachers: the classes they teach (a teacher sees these classes only). */
  classIds?: string[];
}
