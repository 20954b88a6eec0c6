import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';

/** An account created by single sign-on, before an administrator grants it a role: the server refuses everything else. */
export function PendingRolePage() {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  return (
    <Card data-testid="pending-role">
      <Result
        status="info"
        title={t('sso.pendingTitle')}
        subTitle={t('sso.pendingText', { name: user?.displayName ?? user?.username ?? '' })}
        extra={<Button onClick={() => void logout()}>{t('nav.logout')}</Button>}
      />
    </Card>
  );
}
