import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The page for unknown addresses, and the landing page of an applicant without an organisation. */
export function NotFound({ kind }: { kind: 'notFound' | 'welcome' }) {
  const { t } = useTranslation();
  if (kind === 'welcome') return <Result status="info" title={t('ui.welcome')} subTitle={t('ui.noOrganisationBound')} />;
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('errors.NOT_FOUND')}
      extra={<Link to="/"><Button type="primary">{t('ui.backHome')}</Button></Link>}
    />
  );
}
