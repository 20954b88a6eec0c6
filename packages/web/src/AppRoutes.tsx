import { Spin } from 'antd';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { RequireAccess } from './components/RequireAccess';
import { NotFound } from './components/NotFound';
import { AppLayout } from './layout/AppLayout';
import { AuditPage } from './pages/audit/AuditPage';
import { LoginPage } from './pages/auth/LoginPage';
import { ImportPage } from './pages/registry/ImportPage';
import { IndustryMappingPage } from './pages/registry/IndustryMappingPage';
import { OrganisationCreatePage, OrganisationEditPage } from './pages/registry/OrganisationFormPage';
import { OrganisationDetailPage } from './pages/registry/OrganisationDetailPage';
import { OrganisationsPage } from './pages/registry/OrganisationsPage';
import { UsersPage } from './pages/users/UsersPage';
import { useSession } from './session';
import type { User } from './types';

// The TOP100 pages (and ECharts with them) load on first use.
const CyclesPage = lazy(() => import('./pages/index-program/CyclesPage').then((m) => ({ default: m.CyclesPage })));
const NewCyclePage = lazy(() => import('./pages/index-program/NewCyclePage').then((m) => ({ default: m.NewCyclePage })));
const CycleDetailPage = lazy(() => import('./pages/index-program/CycleDetailPage').then((m) => ({ default: m.CycleDetailPage })));
const PublicCyclesPage = lazy(() => import('./pages/index-program/public/PublicPages').then((m) => ({ default: m.PublicCyclesPage })));
const PublicListPage = lazy(() => import('./pages/index-program/public/PublicPages').then((m) => ({ default: m.PublicListPage })));

const later = (page: ReactNode) => <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{page}</Suspense>;

/** Where a user lands after logging in. */
export function homeOf(user: User): string {
  if (user.role === 'applicant') return user.organisationUscc ? `/organisations/${user.organisationUscc}` : '/welcome';
  return '/organisations';
}

function RequireLogin() {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AppLayout />;
}

/** The public pages need no session (GET /api/auth/me is not even asked); everything else is behind login. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/public/top100" element={later(<PublicCyclesPage />)} />
      <Route path="/public/top100/:id" element={later(<PublicListPage />)} />
      <Route path="*" element={<PrivateRoutes />} />
    </Routes>
  );
}

function PrivateRoutes() {
  const { user, loading, probe } = useSession();
  useEffect(probe, [probe]);
  if (loading) return <Spin fullscreen />;
  return (
    <Routes>
      <Route path="/login" element={user ? <Navigate to={homeOf(user)} replace /> : <LoginPage />} />
      <Route element={<RequireLogin />}>
        <Route index element={user ? <Navigate to={homeOf(user)} replace /> : null} />
        <Route path="welcome" element={<NotFound kind="welcome" />} />
        <Route
          path="organisations"
          element={<RequireAccess area="organisations"><OrganisationsPage /></RequireAccess>}
        />
        <Route
          path="organisations/new"
          element={<RequireAccess area="editOrganisations"><OrganisationCreatePage /></RequireAccess>}
        />
        <Route path="organisations/:uscc" element={<OrganisationDetailPage />} />
        <Route path="organisations/:uscc/edit" element={<OrganisationEditPage />} />
        <Route path="import" element={<RequireAccess area="import"><ImportPage /></RequireAccess>} />
        <Route path="industry-mapping" element={<RequireAccess area="mapping"><IndustryMappingPage /></RequireAccess>} />
        <Route path="users" element={<RequireAccess area="users"><UsersPage /></RequireAccess>} />
        <Route path="audit" element={<RequireAccess area="audit"><AuditPage /></RequireAccess>} />
        <Route path="top100" element={<RequireAccess area="top100">{later(<CyclesPage />)}</RequireAccess>} />
        <Route path="top100/new" element={<RequireAccess area="editTop100">{later(<NewCyclePage />)}</RequireAccess>} />
        <Route path="top100/:id/edit" element={<RequireAccess area="editTop100">{later(<NewCyclePage />)}</RequireAccess>} />
        <Route path="top100/:id" element={<RequireAccess area="top100">{later(<CycleDetailPage />)}</RequireAccess>} />
        <Route path="top100/:id/:tab" element={<RequireAccess area="top100">{later(<CycleDetailPage />)}</RequireAccess>} />
        <Route path="*" element={<NotFound kind="notFound" />} />
      </Route>
    </Routes>
  );
}
