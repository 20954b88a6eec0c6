import { Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from './LanguageSwitch';

/** Each public section's header: its home and title, its colours, the other sections it links to. */
export const PUBLIC_SECTIONS = {
  top100: { home: '/public/top100', title: 'publicList.title', background: '#0f2b5b', link: '#c9d6ee', others: [] },
  notices: { home: '/public/publications', title: 'publicNotice.title', background: '#7a1f1f', link: '#f3d9d9', others: ['top100'] },
} as const;

/** The frame of the public pages (TOP100 lists, 公示, verification): no menu, no account; the language switch and a way to log in. */
export function PublicFrame({ section, children }: { section: keyof typeof PUBLIC_SECTIONS; children: ReactNode }) {
  const { t } = useTranslation();
  const s = PUBLIC_SECTIONS[section];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ background: s.background, display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '0 24px' }}
      >
        <Link to={s.home} style={{ color: '#fff', fontSize: 18, fontWeight: 600 }} data-testid="public-home">
          {t('app.title')} · {t(s.title)}
        </Link>
        <Space size="middle">
          {s.others.map((other) => (
            <Link key={other} to={PUBLIC_SECTIONS[other].home} style={{ color: s.link }}>{t(PUBLIC_SECTIONS[other].title)}</Link>
          ))}
          <LanguageSwitch />
          <Link to="/login" style={{ color: s.link }}>{t('publicList.login')}</Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
