import { EXPERTISE_FIELDS } from '@keping/core';
import { Alert, App, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import type { Expert, ExpertQuery } from '../../expertTypes';
import { can, useSession } from '../../session';
import { useTagLabel } from './useTagLabel';

/** 专家库: search, filters and pages over the expert pool; import, template and the conflicts check. */
export function ExpertsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const navigate = useNavigate();
  const tagLabel = useTagLabel();
  const [query, setQuery] = useState<ExpertQuery>({ status: 'active', page: 1, pageSize: 20 });
  const [data, setData] = useState<{ items: Expert[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const editable = can(user, 'editExperts');
  const update = (patch: Partial<ExpertQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.listExperts(query)
      .then((page) => {
        if (!live) return;
        setData({ items: page.items, total: page.total });
        setError(null);
      })
      .catch((e: unknown) => live && setError(describeError(e, t)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query, t]);

  return (
    <Card
      title={<span data-testid="page-title">{t('experts.title')}</span>}
      extra={
        <Space wrap>
          <Button onClick={() => navigate('/experts/conflicts')} data-testid="experts-conflicts">{t('experts.conflicts')}</Button>
          {editable && (
            <>
              <Button onClick={() => api.downloadExpertTemplate().catch((e: unknown) => message.error(describeError(e, t)))}>
                {t('import.template')}
              </Button>
              <Button onClick={() => navigate('/experts/import')} data-testid="experts-import">{t('experts.import')}</Button>
              <Button type="primary" onClick={() => navigate('/experts/new')} data-testid="expert-new">{t('experts.new')}</Button>
            </>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('experts.searchPlaceholder')} style={{ width: 280 }} data-testid="expert-search"
          onSearch={(q) => update({ q: q.trim() || undefined })} />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('fields.tags')} style={{ width: 200 }} data-testid="expert-tag"
          value={query.tag} onChange={(tag?: string) => update({ tag })}
          options={EXPERTISE_FIELDS.map((f) => ({ value: f, label: tagLabel(f) }))} />
        <Select allowClear placeholder={t('fields.available')} style={{ width: 160 }} value={query.available}
          onChange={(available?: 'true' | 'false') => update({ available })}
          options={[{ value: 'true', label: t('experts.availableYes') }, { value: 'false', label: t('experts.availableNo') }]} />
        <Select style={{ width: 140 }} value={query.status} data-testid="expert-status-filter" onChange={(status: ExpertQuery['status']) => update({ status })}
          options={(['active', 'inactive', 'all'] as const).map((s) => ({ value: s, label: t(`experts.status.${s}`) }))} />
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<Expert>
        data-testid="experts-table"
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        onRow={(e) => ({ 'data-testid': `expert-row-${e.id}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('experts.empty') }}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: data.total, showSizeChanger: true,
          showTotal: (n) => t('experts.total', { total: n }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
        columns={[
          { title: t('experts.name'), dataIndex: 'name', render: (n: string, e) => <Link to={`/experts/${e.id}`} data-testid={`expert-link-${e.id}`}>{n}</Link> },
          { title: t('fields.professionalTitle'), dataIndex: 'professionalTitle' },
          { title: t('fields.employerName'), dataIndex: 'employerName' },
          { title: t('fields.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((x) => <Tag key={x}>{tagLabel(x)}</Tag>) },
          { title: t('fields.available'), dataIndex: 'available', render: (a: boolean) => (a ? t('ui.yes') : t('ui.no')) },
          {
            title: t('fields.status'), dataIndex: 'active',
            render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? t('experts.status.active') : t('experts.status.inactive')}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
