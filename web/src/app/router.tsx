// The routes. Every page but the shell is loaded when first visited, so the first screen only
// carries what it shows.
import { Spin } from 'antd';
import { createBrowserRouter, Outlet } from 'react-router';
import { SessionProvider } from '../auth/session.tsx';
import { RouteError } from '../components/RouteError.tsx';
import { AppLayout } from './AppLayout.tsx';

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const router = createBrowserRouter([
  {
    element: (
      <SessionProvider>
        <Outlet />
      </SessionProvider>
    ),
    errorElement: <RouteError />,
    // Shown while the first page's code loads.
    hydrateFallbackElement: <Spin fullscreen description="正在加载…" />,
    children: [
      { path: '/login', lazy: page(() => import('../auth/LoginPage.tsx')) },
      { path: '/auth/callback', lazy: page(() => import('../auth/CallbackPage.tsx')) },
      {
        element: <AppLayout />,
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: page(() => import('../pages/home/HomePage.tsx')) },
          { path: 'orgs/:orgId', lazy: page(() => import('../pages/orgs/OrgPage.tsx')) },
          { path: 'students', lazy: page(() => import('../pages/students/StudentListPage.tsx')) },
          { path: 'students/new', lazy: page(() => import('../pages/students/EnrolPage.tsx')) },
          { path: 'students/:studentId', lazy: page(() => import('../pages/students/StudentPage.tsx')) },
          { path: 'students/:studentId/history', lazy: page(() => import('../pages/students/HistoryPage.tsx')) },
          { path: 'students/:studentId/changes/new', lazy: page(() => import('../pages/changes/ApplyChangePage.tsx')) },
          { path: 'corrections', lazy: page(() => import('../pages/self-service/CorrectionQueuePage.tsx')) },
          { path: 'schools/:schoolId/year-end', lazy: page(() => import('../pages/year-end/YearEndPage.tsx')) },
          { path: 'schools/:schoolId/numbering', lazy: page(() => import('../pages/imports/NumberingPage.tsx')) },
          { path: 'schools/:schoolId/registration', lazy: page(() => import('../pages/registration/RegistrationPage.tsx')) },
          { path: 'imports', lazy: page(() => import('../pages/imports/ImportsPage.tsx')) },
          { path: 'imports/:importId', lazy: page(() => import('../pages/imports/ImportPage.tsx')) },
          { path: 'photo-batches', lazy: page(() => import('../pages/photos/PhotoBatchesPage.tsx')) },
          { path: 'problems', lazy: page(() => import('../pages/problems/ProblemsPage.tsx')) },
          { path: 'stats', lazy: page(() => import('../pages/stats/StatsPage.tsx')) },
          { path: 'exports', lazy: page(() => import('../pages/exports/ExportsPage.tsx')) },
          { path: 'tasks', lazy: page(() => import('../pages/changes/TasksPage.tsx')) },
          { path: 'changes', lazy: page(() => import('../pages/changes/ChangeListPage.tsx')) },
          { path: 'changes/transfer-in', lazy: page(() => import('../pages/changes/TransferInPage.tsx')) },
          { path: 'changes/:changeId', lazy: page(() => import('../pages/changes/ChangePage.tsx')) },
          { path: 'my/record', lazy: page(() => import('../pages/self-service/MyRecordPage.tsx')) },
          { path: 'my/corrections', lazy: page(() => import('../pages/self-service/MyCorrectionsPage.tsx')) },
          { path: 'my/grades', lazy: page(() => import('../pages/grades/MyGradesPage.tsx')) },
          { path: 'teaching/courses', lazy: page(() => import('../pages/teaching/CoursesPage.tsx')) },
          { path: 'teaching/plans', lazy: page(() => import('../pages/teaching/PlansPage.tsx')) },
          { path: 'teaching/schedule', lazy: page(() => import('../pages/teaching/SchedulePage.tsx')) },
          { path: 'teaching/grade-submissions', lazy: page(() => import('../pages/grades/SubmissionsPage.tsx')) },
          { path: 'teaching/makeup-exams', lazy: page(() => import('../pages/grades/MakeupPage.tsx')) },
          { path: 'teaching/my-sections', lazy: page(() => import('../pages/teaching/MySectionsPage.tsx')) },
          { path: 'teaching/sections/:sectionId/grades', lazy: page(() => import('../pages/grades/GradeEntryPage.tsx')) },
          { path: '*', lazy: page(() => import('../components/NotFoundPage.tsx')) },
        ],
      },
    ],
  },
]);
