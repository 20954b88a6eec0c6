import { Spin } from 'antd';
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

export function AppRoutes() {
  const { user, loading } = useSession();
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
        <Route path="*" element={<NotFound kind="notFound" />} />
      </Route>
    </Routes>
  );
}
