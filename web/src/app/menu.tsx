// Each role's menu, in the order and words registrars know from the national registry (UI.md):
// 首页 · 学籍管理 · 学籍异动 · 教学管理 · 问题学籍 · 系统管理 for a school; bureaus lead with their
// pending work (待办业务, 学籍异动审核), a county has its 问题学籍 too; a school and the offices have
// 统计 and 导出 (an organisation's files, once or by a schedule); a teacher has its classes and
// the sections it teaches (我的教学班, where grades are entered); a student sees only its own record,
// checks and grades. 待办业务 carries its count.
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CameraOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  EditOutlined,
  ExportOutlined,
  FileExcelOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  NumberOutlined,
  ProfileOutlined,
  ReadOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Flex, type MenuProps } from 'antd';
import type { Me } from '../auth/session.tsx';

type Item = Required<MenuProps>['items'][number];

/** `classNames`: a teacher's classes by id, for its menu; `tasks`: how many steps wait for the caller's organisation. */
export function menuOf(me: Me, classNames: ReadonlyMap<string, string>, tasks?: number): Item[] {
  const home: Item = { key: '/', icon: <HomeOutlined />, label: '首页' };
  const orgs: Item = { key: `/orgs/${me.orgId}`, icon: <ApartmentOutlined />, label: '机构管理' };
  const inbox: Item = {
    key: '/tasks',
    icon: <BellOutlined />,
    label: (
      <Flex justify="space-between" align="center" gap={8}>
        待办业务
        {/* A plain count (no Badge animation), so the entry's text is stable to read. */}
        {tasks ? (
          <span data-testid="menu-task-count" style={{ background: '#ff4d4f', color: '#fff', borderRadius: 9, padding: '0 6px', fontSize: 12, lineHeight: '18px' }}>
            {tasks > 99 ? '99+' : tasks}
          </span>
        ) : null}
      </Flex>
    ),
  };
  const changeQuery: Item = { key: '/changes', icon: <FileSearchOutlined />, label: '异动查询' };
  const mySections: Item = { key: '/teaching/my-sections', icon: <EditOutlined />, label: '我的教学班' };
  const problems: Item = { key: '/problems', icon: <SafetyCertificateOutlined />, label: '问题学籍' };
  const stats: Item = { key: '/stats', icon: <BarChartOutlined />, label: '统计' };
  const exports: Item = { key: '/exports', icon: <ExportOutlined />, label: '导出' };
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
            { key: '/imports', icon: <FileExcelOutlined />, label: '批量导入' },
            { key: '/photo-batches', icon: <CameraOutlined />, label: '照片采集' },
            { key: '/corrections', icon: <AuditOutlined />, label: '学生信息校对' },
            { key: `/schools/${me.orgId}/year-end`, icon: <RiseOutlined />, label: '升级、毕业' },
          ],
        },
        {
          key: 'changes',
          icon: <SwapOutlined />,
          label: '学籍异动',
          children: [{ key: '/changes/transfer-in', icon: <ImportOutlined />, label: '转入申请' }, inbox, changeQuery],
        },
        {
          key: 'teaching',
          icon: <BookOutlined />,
          label: '教学管理',
          children: [
            { key: '/teaching/courses', icon: <ReadOutlined />, label: '课程' },
            { key: '/teaching/plans', icon: <ProfileOutlined />, label: '教学计划' },
            { key: '/teaching/schedule', icon: <CalendarOutlined />, label: '排课' },
            { key: '/teaching/grade-submissions', icon: <CheckSquareOutlined />, label: '成绩提交情况' },
            { key: '/teaching/makeup-exams', icon: <ScheduleOutlined />, label: '补考' },
          ],
        },
        problems,
        stats,
        exports,
        {
          key: 'system',
          icon: <SolutionOutlined />,
          label: '系统管理',
          children: [
            orgs,
            { key: `/schools/${me.orgId}/numbering`, icon: <NumberOutlined />, label: '学号编排' },
            { key: `/schools/${me.orgId}/registration`, icon: <CloudUploadOutlined />, label: '学信网注册设置' },
          ],
        },
      ];
    case 'province_admin':
    case 'city_admin':
    case 'county_admin':
      return [
        home,
        inbox,
        { key: 'changes', icon: <SwapOutlined />, label: '学籍异动审核', children: [changeQuery] },
        { key: '/students', icon: <TeamOutlined />, label: '学生查询' },
        // A county settles its schools' problem records; a city or the province reads a county's through the API.
        ...(me.role === 'county_admin' ? [problems] : []),
        stats,
        exports,
        { key: 'system', icon: <SolutionOutlined />, label: '系统管理', children: [orgs] },
      ];
    case 'teacher':
      return [
        home,
        { key: 'classes', icon: <TeamOutlined />, label: '我的班级', children: (me.classIds ?? []).map((classId) => ({ key: `/students?classId=${classId}`, label: classNames.get(classId) ?? classId })) },
        mySections,
      ];
    case 'class_advisor':
      return [home, { key: `/students?classId=${me.orgId}`, icon: <TeamOutlined />, label: '本班学生' }, mySections];
    case 'student':
      return [
        { key: '/my/record', icon: <IdcardOutlined />, label: '我的学籍' },
        { key: '/my/corrections', icon: <AuditOutlined />, label: '信息校对' },
        { key: '/my/grades', icon: <TrophyOutlined />, label: '我的成绩' },
      ];
  }
}
