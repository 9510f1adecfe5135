// Each role's menu, in the order and words registrars know from the national registry (UI.md):
// 首页 · 学籍管理 · … · 系统管理 for a school; bureaus lead with their pending work; a student sees
// only its own record and checks.
import { ApartmentOutlined, AuditOutlined, HomeOutlined, IdcardOutlined, SolutionOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { Me } from '../auth/session.tsx';

type Item = Required<MenuProps>['items'][number];

/** `classNames`: a teacher's classes by id, for its menu. */
export function menuOf(me: Me, classNames: ReadonlyMap<string, string>): Item[] {
  const home: Item = { key: '/', icon: <HomeOutlined />, label: '首页' };
  const orgs: Item = { key: `/orgs/${me.orgId}`, icon: <ApartmentOutlined />, label: '机构管理' };
  switch (me.role) {
    case 'school_registrar':
      return [
        home,
        {
          key: 'records',
          icon: <IdcardOutlined />,
          label: '学籍管理',
          children: [
            { key: '/students', icon: <TeamOutlined />, label: '学生信息维护' },
            { key: '/students/new', icon: <UserAddOutlined />, label: '新生注册' },
            { key: '/corrections', icon: <AuditOutlined />, label: '学生信息校对' },
          ],
        },
        { key: 'system', icon: <SolutionOutlined />, label: '系统管理', children: [orgs] },
      ];
    case 'province_admin':
    case 'city_admin':
    case 'county_admin':
      return [home, { key: '/students', icon: <TeamOutlined />, label: '学生查询' }, { key: 'system', icon: <SolutionOutlined />, label: '系统管理', children: [orgs] }];
    case 'teacher':
      return [home, { key: 'classes', icon: <TeamOutlined />, label: '我的班级', children: (me.classIds ?? []).map((classId) => ({ key: `/students?classId=${classId}`, label: classNames.get(classId) ?? classId })) }];
    case 'class_advisor':
      return [home, { key: `/students?classId=${me.orgId}`, icon: <TeamOutlined />, label: '本班学生' }];
    case 'student':
      return [
        { key: '/my/record', icon: <IdcardOutlined />, label: '我的学籍' },
        { key: '/my/corrections', icon: <AuditOutlined />, label: '信息校对' },
      ];
  }
}
