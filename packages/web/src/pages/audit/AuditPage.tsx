import { Alert, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { AuditChange } from '../../components/AuditChange';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import type { AuditEntry } from '../../types';
import { VerifyChain } from './VerifyChain';

const SUBJECT_TYPES = ['organisation', 'import', 'user', 'industry_mapping', 'index_cycle', 'demo'] as const;

interface Filters {
  subjectType?: string;
  subjectId?: string;
  page: number;
  pageSize: number;
}

/** The audit trail (admin, auditor): filter by subject, read each change, verify the hash chain. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const [data, setData] = useState<{ items: AuditEntry[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const subjectLabel = (type: string) => (i18n.exists(`auditLog.subject.${type}`) ? t(`auditLog.subject.${type}`) : type);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .listAudit(filters)
      .then((r) => {
        if (!current) return;
        setData({ items: r.items, total: r.total });
        setError(null);
      })
      .catch((e: unknown) => current && setError(describeError(e, t)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [filters, t]);

  return (
    <Card title={<span data-testid="page-title">{t('auditLog.title')}</span>} extra={<VerifyChain />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          data-testid="audit-subject-type"
          allowClear
          placeholder={t('auditLog.subjectType')}
          style={{ width: 180 }}
          value={filters.subjectType ?? null}
          options={SUBJECT_TYPES.map((s) => ({ value: s, label: subjectLabel(s) }))}
          onChange={(v: string | null | undefined) => setFilters((f) => ({ ...f, subjectType: v ?? undefined, page: 1 }))}
        />
        <Input.Search
          data-testid="audit-subject-id"
          allowClear
          placeholder={t('auditLog.subjectId')}
          style={{ width: 280 }}
          onSearch={(v) => setFilters((f) => ({ ...f, subjectId: v.trim() || undefined, page: 1 }))}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data.items}
        expandable={{
          expandedRowRender: (e) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <AuditChange entry={e} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('auditLog.hash')}: <Typography.Text code>{e.hash}</Typography.Text> · {t('auditLog.prevHash')}:{' '}
                <Typography.Text code>{e.prevHash}</Typography.Text>
              </Typography.Text>
            </Space>
          ),
        }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (n) => t('auditLog.total', { total: n }),
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('auditLog.at'), dataIndex: 'at', render: (v: string) => labels.dateTime(v) },
          { title: t('auditLog.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('history.system') },
          { title: t('auditLog.action'), dataIndex: 'action', render: (a: string) => labels.action(a) },
          {
            title: t('auditLog.subject'),
            key: 'subject',
            render: (_: unknown, e) => (
              <span>
                {subjectLabel(e.subjectType)}{' '}
                {e.subjectType === 'organisation' && e.subjectId ? (
                  <Link to={`/organisations/${e.subjectId}`}>{e.subjectId}</Link>
                ) : e.subjectType === 'index_cycle' && e.subjectId ? (
                  <Link to={`/top100/${e.subjectId}`}>{e.subjectId}</Link>
                ) : (
                  e.subjectId
                )}
              </span>
            ),
          },
          { title: t('auditLog.ip'), dataIndex: 'ip' },
        ]}
      />
    </Card>
  );
}
