// Codes of new organisations, by kind: region codes for cities and counties (inside their
// parent's code), the 10-digit national school identifier (学校标识码), the entry year of a
// grade and the number of a class. A node's id follows from its code, so ids are unique.
import { isRegionCode } from './region-code.ts';
import type { Org, OrgKind } from './org.ts';

export type CodeCheck = { ok: true; orgId: string; code: string } | { ok: false; message: string };

export function checkChildCode(parent: Org, kind: OrgKind, code: string): CodeCheck {
  switch (kind) {
    case 'province':
      return { ok: false, message: '省级机构随部署创建，不能新增' };
    case 'city':
      return isRegionCode(code) && code.startsWith(parent.code.slice(0, 2)) && code.endsWith('00') && !code.endsWith('0000')
        ? { ok: true, orgId: code, code }
        : { ok: false, message: `地市代码应为本省 (${parent.code.slice(0, 2)}) 的6位行政区划代码，以00结尾` };
    case 'county':
      return isRegionCode(code) && code.startsWith(parent.code.slice(0, 4)) && !code.endsWith('00')
        ? { ok: true, orgId: code, code }
        : { ok: false, message: `区县代码应为本市 (${parent.code.slice(0, 4)}) 下的6位行政区划代码` };
    case 'school':
      return /^\d{10}$/.test(code) ? { ok: true, orgId: code, code } : { ok: false, message: '学校标识码应为10位数字' };
    case 'grade': {
      const year = Number(code);
      return /^\d{4}$/.test(code) && year >= 1990 && year <= 2100 ? { ok: true, orgId: `${parent.orgId}-G${code}`, code } : { ok: false, message: '年级代码应为4位入学年份，如 2026' };
    }
    case 'class': {
      if (!/^\d{1,2}$/.test(code) || Number(code) === 0) return { ok: false, message: '班级代码应为1至99的班号' };
      const padded = code.padStart(2, '0');
      return { ok: true, orgId: `${parent.orgId}-C${padded}`, code: padded };
    }
  }
}
