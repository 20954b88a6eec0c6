import { Alert, Card, List, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { publicationApi } from '../../../publicationApi';
import type { PublicPublicationSummary } from '../../../publicationTypes';
import { useBilingual } from '../../programs/model';
import { periodText } from '../model';
import { PublicationStatusTag } from '../PublicationTags';
import { PublicFrame } from '../../../components/PublicFrame';
import { usePublic } from '../../../components/usePublic';

/** /public/publications: every list under announcement or final, newest period first. */
export function PublicPublicationsPage() {
  const { t } = useTranslation();
  const local = useBilingual();
  const { data, error } = usePublic<{ items: PublicPublicationSummary[] }>('all', () => publicationApi.publicPublications());
  return (
    <PublicFrame section="notices">
      <Card title={<span data-testid="page-title">{t('publicNotice.allTitle')}</span>}>
        {error && <Alert type="error" showIcon message={error} />}
        <List
          data-testid="public-publications"
          loading={!data && !error}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('publicNotice.none') }}
          renderItem={(p) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Link to={`/public/publications/${p.id}`} data-testid={`public-publication-${p.id}`}>{local(p.program)}</Link>
                    <PublicationStatusTag status={p.status} />
                  </Space>
                }
                description={t('publicNotice.periodLine', { period: periodText(t, p), year: p.cycleYear })}
              />
            </List.Item>
          )}
        />
      </Card>
    </PublicFrame>
  );
}
