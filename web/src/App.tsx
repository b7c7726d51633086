import { Spin } from 'antd';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router-dom';
import { lazy, Suspense, type ReactNode } from 'react';
import { useLatestYear, useSession, useUnitHomeYear } from './auth';
import { ErrorAlert } from './components/ErrorAlert';
import { LoginPage } from './pages/LoginPage';

// Everything behind the login is loaded on demand, so that the login page comes up quickly.
const AdminPage = lazy(() => import('./pages/admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const AssessmentPage = lazy(() => import('./pages/AssessmentPage').then((m) => ({ default: m.AssessmentPage })));
const HistoryPage = lazy(() => import('./pages/HistoryPage').then((m) => ({ default: m.HistoryPage })));
const AppLayout = lazy(() => import('./components/AppLayout').then((m) => ({ default: m.AppLayout })));
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const FrameworkListPage = lazy(() => import('./pages/FrameworkPage').then((m) => ({ default: m.FrameworkListPage })));
const FrameworkPage = lazy(() => import('./pages/FrameworkPage').then((m) => ({ default: m.FrameworkPage })));
const GroupsPage = lazy(() => import('./pages/GroupsPage').then((m) => ({ default: m.GroupsPage })));
const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const PasswordPage = lazy(() => import('./pages/PasswordPage').then((m) => ({ default: m.PasswordPage })));
const PlanPage = lazy(() => import('./pages/plans/PlanPage').then((m) => ({ default: m.PlanPage })));
const MyTasksPage = lazy(() => import('./pages/plans/TaskListPages').then((m) => ({ default: m.MyTasksPage })));
const OverduePage = lazy(() => import('./pages/plans/TaskListPages').then((m) => ({ default: m.OverduePage })));
const KpiPage = lazy(() => import('./pages/kpi/KpiPages').then((m) => ({ default: m.KpiPage })));
const KpiOverviewPage = lazy(() => import('./pages/kpi/KpiPages').then((m) => ({ default: m.KpiOverviewPage })));
const KpiCataloguePage = lazy(() => import('./pages/kpi/KpiPages').then((m) => ({ default: m.KpiCataloguePage })));
const RankingPage = lazy(() => import('./pages/RankingPage').then((m) => ({ default: m.RankingPage })));
const DossiersPage = lazy(() => import('./pages/dossiers/DossiersPage').then((m) => ({ default: m.DossiersPage })));
const DossierListPage = lazy(() => import('./pages/dossiers/DossierListPage').then((m) => ({ default: m.DossierListPage })));
const ProvinceHeatmapPage = lazy(() => import('./pages/dossiers/ProvinceHeatmapPage').then((m) => ({ default: m.ProvinceHeatmapPage })));
const DossierImportPage = lazy(() => import('./pages/dossiers/import/DossierImportPage').then((m) => ({ default: m.DossierImportPage })));
const DefinitionsPage = lazy(() => import('./pages/definitions/DefinitionsPage').then((m) => ({ default: m.DefinitionsPage })));

function Loading() {
  return (
    <div className="center-spin">
      <Spin size="large" />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { data: session, isLoading, error } = useSession();
  const location = useLocation();
  if (isLoading) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (session.must_change_password && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** /groups/:code without a year opens the latest year. */
function LatestYearRedirect() {
  const latest = useLatestYear();
  if (latest.isLoading) return <Spin className="center-spin" />;
  return <Navigate to={String(latest.year)} relative="path" />;
}

/** /units/:code without a year opens the latest year in which the unit has results. */
function UnitYearRedirect() {
  const { code } = useParams();
  const home = useUnitHomeYear(code);
  if (home.isLoading) return <Spin className="center-spin" />;
  return <Navigate to={String(home.year)} relative="path" />;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="units/:code" element={<UnitYearRedirect />} />
        <Route path="units/:code/:year" element={<DashboardPage />} />
        <Route path="units/:code/:year/assessment" element={<AssessmentPage />} />
        <Route path="units/:code/:year/history" element={<HistoryPage />} />
        <Route path="units/:code/plans/:year" element={<PlanPage />} />
        <Route path="units/:code/dossiers" element={<DossiersPage />} />
        <Route path="dossiers" element={<DossiersPage />} />
        <Route path="dossiers/list" element={<DossierListPage />} />
        <Route path="dossiers/province" element={<ProvinceHeatmapPage />} />
        <Route path="dossiers/import" element={<DossierImportPage />} />
        <Route path="dossiers/rules" element={<DefinitionsPage />} />
        <Route path="tasks" element={<MyTasksPage />} />
        <Route path="plans/overdue" element={<OverduePage />} />
        <Route path="kpis" element={<KpiPage />} />
        <Route path="kpis/overview" element={<KpiOverviewPage />} />
        <Route path="kpis/catalogue" element={<KpiCataloguePage />} />
        <Route path="groups" element={<GroupsPage />} />
        <Route path="groups/:code" element={<LatestYearRedirect />} />
        <Route path="groups/:code/:year" element={<RankingPage />} />
        <Route path="frameworks" element={<FrameworkListPage />} />
        <Route path="frameworks/:code" element={<FrameworkPage />} />
        <Route path="password" element={<PasswordPage />} />
        <Route path="admin" element={<AdminPage />} />
        <Route path="admin/:tab" element={<AdminPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
