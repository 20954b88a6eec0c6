import { App, Button, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { describeError } from '../components/describeError';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NotificationBell } from '../components/NotificationBell';
import { useLabels } from '../labels';
import { can, useSession } from '../session';

const { Header, Sider, Content } = Layout;
type ItemType = NonNullable<MenuProps['items']>[number];

function useMenuItems(): ItemType[] {
  const { t } = useTranslation();
  const { user } = useSession();
  const item = (key: string, to: string, label: string, testId: string): ItemType => ({
    key,
    label: <Link to={to} data-testid={testId}>{label}</Link>,
  });
  const items: ItemType[] = [];
  if (can(user, 'organisations')) items.push(item('/organisations', '/organisations', t('nav.organisations'), 'nav-organisations'));
  if (user?.role === 'applicant' && user.organisationUscc) {
    const to = `/organisations/${user.organisationUscc}`;
    items.push(item(to, to, t('nav.myOrganisation'), 'nav-my-organisation'));
  }
  if (can(user, 'applications')) items.push(item('/applications', '/applications', t('nav.applications'), 'nav-applications'));
  if (can(user, 'import')) items.push(item('/import', '/import', t('nav.import'), 'nav-import'));
  if (can(user, 'import')) items.push(item('/designations/import', '/designations/import', t('nav.designationImport'), 'nav-designation-import'));
  if (can(user, 'programs')) items.push(item('/programs', '/programs', t('nav.programs'), 'nav-programs'));
  if (can(user, 'experts')) items.push(item('/experts', '/experts', t('nav.experts'), 'nav-experts'));
  if (can(user, 'publications')) items.push(item('/publications', '/publications', t('nav.publications'), 'nav-publications'));
  if (can(user, 'reviews')) items.push(item('/reviews', '/reviews', t('nav.reviews'), 'nav-reviews'));
  if (can(user, 'myPanels')) items.push(item('/my-panels', '/my-panels', t('nav.myPanels'), 'nav-my-panels'));
  if (can(user, 'mapping')) items.push(item('/industry-mapping', '/industry-mapping', t('nav.mapping'), 'nav-mapping'));
  if (can(user, 'top100')) items.push(item('/top100', '/top100', t('nav.top100'), 'nav-top100'));
  if (can(user, 'users')) items.push(item('/users', '/users', t('nav.users'), 'nav-users'));
  if (can(user, 'audit')) items.push(item('/audit', '/audit', t('nav.audit'), 'nav-audit'));
  return items;
}

/** Side menu by role, header with the user, the language switch and log out. */
export function AppLayout() {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const labels = useLabels();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const items = useMenuItems();
  const selected = items
    .map((i) => String(i?.key ?? ''))
    .filter((k) => location.pathname === k || location.pathname.startsWith(k + '/'))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  const onLogout = () => {
    logout()
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => navigate('/login', { replace: true }));
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={184} theme="dark">
        <div style={{ color: '#fff', padding: '18px 24px', fontSize: 18, fontWeight: 600 }} data-testid="app-title">
          {t('app.title')}
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={selected} items={items} />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center',
            justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          <Space size="middle">
            <span data-testid="user-name">
              {user?.displayName || user?.username} {user && <Tag>{labels.role(user.role)}</Tag>}
            </span>
            <NotificationBell />
            <LanguageSwitch />
            <Button data-testid="change-password" onClick={() => navigate('/password')}>
              {t('password.menu')}
            </Button>
            <Button data-testid="logout" onClick={onLogout}>
              {t('nav.logout')}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 16 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
