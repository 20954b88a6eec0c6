import { Spin } from 'antd';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { RequireAccess } from './components/RequireAccess';
import { NotFound } from './components/NotFound';
import { AppLayout } from './layout/AppLayout';
import { AuditPage } from './pages/audit/AuditPage';
import { ChangePasswordPage } from './pages/auth/ChangePasswordPage';
import { LoginPage } from './pages/auth/LoginPage';
import { PendingRolePage } from './pages/auth/PendingRolePage';
import { WEB_ROUND_KINDS } from './pages/rounds/registry';
import { ImportPage } from './pages/registry/ImportPage';
import { IndustryMappingPage } from './pages/registry/IndustryMappingPage';
import { OrganisationCreatePage, OrganisationEditPage } from './pages/registry/OrganisationFormPage';
import { OrganisationDetailPage } from './pages/registry/OrganisationDetailPage';
import { OrganisationsPage } from './pages/registry/OrganisationsPage';
import { UsersPage } from './pages/users/UsersPage';
import { useSession } from './session';
import type { User } from './types';

// The TOP100 pages (and ECharts with them) load on first use.
const CyclesPage = lazy(() => import('./pages/rounds/index/CyclesPage').then((m) => ({ default: m.CyclesPage })));
const NewCyclePage = lazy(() => import('./pages/rounds/index/NewCyclePage').then((m) => ({ default: m.NewCyclePage })));
const CycleDetailPage = lazy(() => import('./pages/rounds/index/CycleDetailPage').then((m) => ({ default: m.CycleDetailPage })));
const PublicCyclesPage = lazy(() => import('./pages/rounds/index/public/PublicPages').then((m) => ({ default: m.PublicCyclesPage })));
const PublicListPage = lazy(() => import('./pages/rounds/index/public/PublicPages').then((m) => ({ default: m.PublicListPage })));

// The program and expert pages load on first use too.
const ProgramsPage = lazy(() => import('./pages/programs/ProgramsPage').then((m) => ({ default: m.ProgramsPage })));
const ProgramFormPage = lazy(() => import('./pages/programs/ProgramFormPage').then((m) => ({ default: m.ProgramFormPage })));
const ProgramDetailPage = lazy(() => import('./pages/programs/ProgramDetailPage').then((m) => ({ default: m.ProgramDetailPage })));
const MyApplicationsPage = lazy(() => import('./pages/programs/portal/MyApplicationsPage').then((m) => ({ default: m.MyApplicationsPage })));
const ApplicationPage = lazy(() => import('./pages/programs/portal/ApplicationPage').then((m) => ({ default: m.ApplicationPage })));
const ExpertsPage = lazy(() => import('./pages/experts/ExpertsPage').then((m) => ({ default: m.ExpertsPage })));
const ExpertDetailPage = lazy(() => import('./pages/experts/ExpertDetailPage').then((m) => ({ default: m.ExpertDetailPage })));
const ExpertFormPage = lazy(() => import('./pages/experts/ExpertFormPage').then((m) => ({ default: m.ExpertFormPage })));
const DesignationImportPage = lazy(() => import('./pages/designations/DesignationImportPage').then((m) => ({ default: m.DesignationImportPage })));
const ExpertImportPage = lazy(() => import('./pages/experts/ExpertImportPage').then((m) => ({ default: m.ExpertImportPage })));
const ConflictsPage = lazy(() => import('./pages/experts/ConflictsPage').then((m) => ({ default: m.ConflictsPage })));

// The scoring round, the expert portal and the panel round.
const MyReviewsPage = lazy(() => import('./pages/expert/MyReviewsPage').then((m) => ({ default: m.MyReviewsPage })));
const ReviewItemPage = lazy(() => import('./pages/expert/ReviewItemPage').then((m) => ({ default: m.ReviewItemPage })));
const MyPanelsPage = lazy(() => import('./pages/rounds/panel/MyPanelsPage').then((m) => ({ default: m.MyPanelsPage })));
const PanelPage = lazy(() => import('./pages/rounds/panel/PanelPage').then((m) => ({ default: m.PanelPage })));

// Awards, the publication (公示) with objections, certificates, and their public pages.
const AwardsPage = lazy(() => import('./pages/awards/AwardsPage').then((m) => ({ default: m.AwardsPage })));
const PublicationPage = lazy(() => import('./pages/publication/PublicationPage').then((m) => ({ default: m.PublicationPage })));
const PublicationsPage = lazy(() => import('./pages/publication/PublicationsPage').then((m) => ({ default: m.PublicationsPage })));
const PublicPublicationsPage = lazy(() => import('./pages/publication/public/PublicPublicationsPage').then((m) => ({ default: m.PublicPublicationsPage })));
const PublicPublicationPage = lazy(() => import('./pages/publication/public/PublicPublicationPage').then((m) => ({ default: m.PublicPublicationPage })));
const VerifyPage = lazy(() => import('./pages/verify/VerifyPage').then((m) => ({ default: m.VerifyPage })));

const later = (page: ReactNode) => <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{page}</Suspense>;

/** Where a user lands after logging in. */
export function homeOf(user: User): string {
  if (user.role === 'none') return '/pending';
  if (user.role === 'applicant') return user.organisationUscc ? `/organisations/${user.organisationUscc}` : '/welcome';
  // An expert starts at their review list: in a blind round nothing should show them applicants first.
  if (user.role === 'expert') return '/reviews';
  if (user.role === 'chair') return '/my-panels';
  return '/organisations';
}

function RequireLogin() {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // After an administrator's reset the server refuses everything else until the password is changed.
  if (user.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  // An account created by single sign-on waits for a role: the server refuses every page's data until then.
  if (user.role === 'none' && location.pathname !== '/pending') return <Navigate to="/pending" replace />;
  return <AppLayout />;
}

/** The public pages need no session (GET /api/auth/me is not even asked); everything else is behind login. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/public/top100" element={later(<PublicCyclesPage />)} />
      <Route path="/public/top100/:id" element={later(<PublicListPage />)} />
      <Route path="/public/publications" element={later(<PublicPublicationsPage />)} />
      <Route path="/public/publications/:id" element={later(<PublicPublicationPage />)} />
      <Route path="/verify/:serial" element={later(<VerifyPage />)} />
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
        <Route path="password" element={<ChangePasswordPage />} />
        <Route path="pending" element={<PendingRolePage />} />
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
        <Route path="designations/import" element={<RequireAccess area="import">{later(<DesignationImportPage />)}</RequireAccess>} />
        <Route path="industry-mapping" element={<RequireAccess area="mapping"><IndustryMappingPage /></RequireAccess>} />
        <Route path="users" element={<RequireAccess area="users"><UsersPage /></RequireAccess>} />
        <Route path="audit" element={<RequireAccess area="audit"><AuditPage /></RequireAccess>} />
        <Route path="top100" element={<RequireAccess area="top100">{later(<CyclesPage />)}</RequireAccess>} />
        <Route path="top100/new" element={<RequireAccess area="editTop100">{later(<NewCyclePage />)}</RequireAccess>} />
        <Route path="top100/:id/edit" element={<RequireAccess area="editTop100">{later(<NewCyclePage />)}</RequireAccess>} />
        <Route path="top100/:id" element={<RequireAccess area="top100">{later(<CycleDetailPage />)}</RequireAccess>} />
        <Route path="top100/:id/:tab" element={<RequireAccess area="top100">{later(<CycleDetailPage />)}</RequireAccess>} />
        <Route path="programs" element={<RequireAccess area="programs">{later(<ProgramsPage />)}</RequireAccess>} />
        <Route path="programs/new" element={<RequireAccess area="editPrograms">{later(<ProgramFormPage />)}</RequireAccess>} />
        <Route path="programs/:id" element={<RequireAccess area="programs">{later(<ProgramDetailPage />)}</RequireAccess>} />
        <Route path="programs/:id/edit" element={<RequireAccess area="editPrograms">{later(<ProgramFormPage />)}</RequireAccess>} />
        <Route path="programs/:id/awards" element={<RequireAccess area="publications">{later(<AwardsPage />)}</RequireAccess>} />
        <Route path="programs/:id/publication" element={<RequireAccess area="publications">{later(<PublicationPage />)}</RequireAccess>} />
        <Route path="publications" element={<RequireAccess area="publications">{later(<PublicationsPage />)}</RequireAccess>} />
        {Object.values(WEB_ROUND_KINDS).map(({ segment, page: Page }) => (
          <Route key={segment} path={`programs/:id/rounds/:roundId/${segment}`} element={<RequireAccess area="programs">{later(<Page />)}</RequireAccess>} />
        ))}
        <Route path="reviews" element={<RequireAccess area="reviews">{later(<MyReviewsPage />)}</RequireAccess>} />
        <Route path="reviews/:assignmentId" element={<RequireAccess area="reviews">{later(<ReviewItemPage />)}</RequireAccess>} />
        <Route path="my-panels" element={<RequireAccess area="myPanels">{later(<MyPanelsPage />)}</RequireAccess>} />
        <Route path="my-panels/:id" element={<RequireAccess area="myPanels">{later(<PanelPage />)}</RequireAccess>} />
        <Route path="applications" element={<RequireAccess area="applications">{later(<MyApplicationsPage />)}</RequireAccess>} />
        <Route path="applications/:id" element={<RequireAccess area="applications">{later(<ApplicationPage />)}</RequireAccess>} />
        <Route path="calls/:callId/apply" element={<RequireAccess area="applications">{later(<ApplicationPage />)}</RequireAccess>} />
        <Route path="experts" element={<RequireAccess area="experts">{later(<ExpertsPage />)}</RequireAccess>} />
        <Route path="experts/new" element={<RequireAccess area="editExperts">{later(<ExpertFormPage />)}</RequireAccess>} />
        <Route path="experts/import" element={<RequireAccess area="editExperts">{later(<ExpertImportPage />)}</RequireAccess>} />
        <Route path="experts/conflicts" element={<RequireAccess area="experts">{later(<ConflictsPage />)}</RequireAccess>} />
        <Route path="experts/:id" element={<RequireAccess area="experts">{later(<ExpertDetailPage />)}</RequireAccess>} />
        <Route path="experts/:id/edit" element={<RequireAccess area="editExperts">{later(<ExpertFormPage />)}</RequireAccess>} />
        <Route path="*" element={<NotFound kind="notFound" />} />
      </Route>
    </Routes>
  );
}
