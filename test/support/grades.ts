// A grade of a suite's own in a demo school: an entry year (its code) nobody else took. Years are
// few (1990-2100) and suites running alongside pick theirs at random too, so a taken one (409) is
// tried again with another.
import { randomInt } from 'node:crypto';
import { call } from './api.ts';

export async function ownGrade(schoolId: string, token: string, url?: string): Promise<{ orgId: string; year: string; name: string }> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const year = String(2030 + randomInt(70));
    const grade = await call<{ orgId: string }>('POST', `/v1/orgs/${schoolId}/children`, { token, body: { code: year, name: `${year}级` }, ...(url ? { url } : {}) });
    if (grade.status === 201) return { orgId: grade.body.orgId, year, name: `${year}级` };
    if (grade.status !== 409) throw new Error(`a grade of ${schoolId} was not made: ${grade.status} ${JSON.stringify(grade.body)}`);
  }
  throw new Error(`no free entry year left in ${schoolId}`);
}
