import { Spin } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { ReactNode } from 'react';
import { useLatestYear, useSession } from './auth';
import { AppLayout } from './components/AppLayout';
import { ErrorAlert } from './components/ErrorAlert';
import { DashboardPage } from './pages/DashboardPage';
import { FrameworkListPage, FrameworkPage } from './pages/FrameworkPage';
import { GroupsPage } from './pages/GroupsPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PasswordPage } from './pages/PasswordPage';
import { RankingPage } from './pages/RankingPage';

function RequireAuth({ children }: { children: ReactNode }) {
  const { data: session, isLoading, error } = useSession();
  const location = useLocation();
  if (isLoading) {
    return (
      <div className="center-spin">
        <Spin size="large" />
      </div>
    );
  }
  if (error) return <ErrorAlert error={error} />;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (session.must_change_password && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <>{children}</>;
}

/** /groups/:code and /units/:code without a year open the latest year. */
function LatestYearRedirect() {
  const latest = useLatestYear();
  if (latest.isLoading) return <Spin className="center-spin" />;
  return <Navigate to={String(latest.year)} relative="path" />;
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
        <Route path="units/:code" element={<LatestYearRedirect />} />
        <Route path="units/:code/:year" element={<DashboardPage />} />
        <Route path="groups" element={<GroupsPage />} />
        <Route path="groups/:code" element={<LatestYearRedirect />} />
        <Route path="groups/:code/:year" element={<RankingPage />} />
        <Route path="frameworks" element={<FrameworkListPage />} />
        <Route path="frameworks/:code" element={<FrameworkPage />} />
        <Route path="password" element={<PasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
