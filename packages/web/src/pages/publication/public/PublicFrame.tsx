import { Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../../../components/LanguageSwitch';

/** The frame of the public 公示 and verification pages: no menu, no account; the language switch and a way to log in. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ background: '#7a1f1f', display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '0 24px' }}
      >
        <Link to="/public/publications" style={{ color: '#fff', fontSize: 18, fontWeight: 600 }} data-testid="public-home">
          {t('app.title')} · {t('publicNotice.title')}
        </Link>
        <Space size="middle">
          <Link to="/public/top100" style={{ color: '#f3d9d9' }}>{t('publicList.title')}</Link>
          <LanguageSwitch />
          <Link to="/login" style={{ color: '#f3d9d9' }}>{t('publicList.login')}</Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
