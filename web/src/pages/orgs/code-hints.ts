// What the code of a new node looks like, by the kind of its parent (shared/domain/org-codes.ts
// decides; these words tell the user before it does).
import { checkChildCode } from '#shared/domain/org-codes.ts';
import { childKind } from '#shared/domain/org.ts';
import type { OrgView } from './useOrg.ts';

export interface Hints {
  code: string;
  codePlaceholder: string;
  namePlaceholder: string;
}

/** Hints for a child of `parent`, or undefined for a class (which has none). */
export function hintsFor(parent: OrgView): Hints | undefined {
  const province = parent.code.slice(0, 2);
  const city = parent.code.slice(0, 4);
  switch (parent.kind) {
    case 'province':
      return { code: `本省的 6 位行政区划代码：以 ${province} 开头、以 00 结尾`, codePlaceholder: `如 ${province}0500`, namePlaceholder: '如 汕头市' };
    case 'city':
      return { code: `本市的 6 位行政区划代码：以 ${city} 开头，不以 00 结尾`, codePlaceholder: `如 ${city}11`, namePlaceholder: '如 白云区' };
    case 'county':
      return { code: '10 位学校标识码 (教育部统一编制)', codePlaceholder: '如 2144010603', namePlaceholder: '如 广州市天河区第二实验小学' };
    case 'school':
      return { code: '4 位入学年份', codePlaceholder: '如 2027', namePlaceholder: '如 2027级 (一年级)' };
    case 'grade':
      return { code: '班号，1 至 99', codePlaceholder: '如 3', namePlaceholder: '如 一年级(3)班' };
    case 'class':
      return undefined;
  }
}

/** The same check the server makes, so a malformed code is told at once, in the server's words. */
export function codeProblem(parent: OrgView, code: string): string | undefined {
  const kind = childKind(parent.kind);
  if (!kind) return undefined;
  // The check reads the parent's code and id only; the API does not send paths.
  const result = checkChildCode({ ...parent, orgPath: '' }, kind, code.trim());
  return result.ok ? undefined : result.message;
}
