import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCESS, can, useSession } from '../session';

/** Renders its children only for the roles allowed in `area`. */
export function RequireAccess({ area, children }: { area: keyof typeof ACCESS; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!can(user, area)) return <Result status="403" title="403" subTitle={t('errors.FORBIDDEN')} />;
  return <>{children}</>;
}
