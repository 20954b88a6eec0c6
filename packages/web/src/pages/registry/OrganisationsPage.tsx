import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { can, useSession } from '../../session';
import type { Organisation } from '../../types';
import { OrganisationFilters } from './OrganisationFilters';
import { OrganisationTable } from './OrganisationTable';
import { useOrganisationQuery } from './useOrganisationQuery';

/** The registry (机构名录): search, filters, pages, export. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [query, update] = useOrganisationQuery();
  const [data, setData] = useState<{ items: Organisation[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .listOrganisations(query)
      .then((page) => {
        if (!current) return;
        setData({ items: page.items, total: page.total });
        setError(null);
      })
      .catch((e: unknown) => current && setError(describeError(e, t)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [query, t]);

  const onExport = () => {
    setExporting(true);
    api
      .downloadExport(query)
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setExporting(false));
  };

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
          {t('orgs.title')}
        </Typography.Title>
        <Space>
          {can(user, 'export') && (
            <Button data-testid="org-export" loading={exporting} onClick={onExport}>
              {t('orgs.export')}
            </Button>
          )}
          {can(user, 'editOrganisations') && (
            <Button type="primary" data-testid="org-new" onClick={() => navigate('/organisations/new')}>
              {t('orgs.new')}
            </Button>
          )}
        </Space>
      </Space>
      <OrganisationFilters query={query} onChange={update} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <OrganisationTable items={data.items} total={data.total} loading={loading} query={query} onChange={update} />
    </Card>
  );
}
