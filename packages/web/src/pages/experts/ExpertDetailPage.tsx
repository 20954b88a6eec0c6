import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import type { Expert } from '../../expertTypes';
import { useLabels } from '../../labels';
import { can, useSession } from '../../session';
import { useTagLabel } from './useTagLabel';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** One expert: every field, employment, shareholdings, declared conflicts, unavailable periods and the history. */
export function ExpertDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const tagLabel = useTagLabel();
  const { message } = App.useApp();
  const { user } = useSession();
  const navigate = useNavigate();
  const [expert, setExpert] = useState<Expert | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = can(user, 'editExperts');
  const load = useCallback(() => api.expertHistory(Number(id)), [id, expert?.updatedAt]);

  useEffect(() => {
    let live = true;
    api.getExpert(Number(id))
      .then((e) => live && setExpert(e))
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [id, t]);

  if (error) return <Alert type="error" showIcon message={error} data-testid="expert-error" />;
  if (!expert) return <Spin style={{ display: 'block', margin: 48 }} />;

  const toggle = () => {
    setBusy(true);
    api.setExpertActive(expert.id, !expert.active)
      .then((e) => {
        setExpert(e);
        message.success(e.active ? t('experts.activated') : t('experts.deactivated'));
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="expert-name">{expert.name}</span>
            <Tag color={expert.active ? 'green' : 'default'} data-testid="expert-status">
              {expert.active ? t('experts.status.active') : t('experts.status.inactive')}
            </Tag>
            {expert.isDemo && <Tag color="gold">{t('org.demo')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            <Link to="/experts">{t('experts.backToList')}</Link>
            {editable && (
              <Popconfirm title={expert.active ? t('experts.deactivateConfirm') : t('experts.activateConfirm')} onConfirm={toggle}>
                <Button danger={expert.active} loading={busy} data-testid="expert-toggle">
                  {expert.active ? t('experts.deactivate') : t('experts.activate')}
                </Button>
              </Popconfirm>
            )}
            {editable && <Button type="primary" onClick={() => navigate(`/experts/${expert.id}/edit`)} data-testid="expert-edit">{t('experts.edit')}</Button>}
          </Space>
        }
      >
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="expert-details">
          <Descriptions.Item label={t('fields.professionalTitle')}>{dash(expert.professionalTitle)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.employerName')}>{dash(expert.employerName)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.employerUscc')}>
            {expert.employerUscc ? <Link to={`/organisations/${expert.employerUscc}`}>{expert.employerUscc}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.tags')}>{expert.tags.map((x) => <Tag key={x}>{tagLabel(x)}</Tag>)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.phone')}>{dash(expert.phone)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.email')}>{dash(expert.email)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.available')}>{expert.available ? t('ui.yes') : t('ui.no')}</Descriptions.Item>
          <Descriptions.Item label={t('fields.unavailable')}>
            {expert.unavailable.length ? expert.unavailable.map((r) => <Tag key={r.from}>{r.from} – {r.to}</Tag>) : t('ui.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('org.updatedAt')}>{labels.dateTime(expert.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('fields.employment')}>
        <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={expert.employment} locale={{ emptyText: t('ui.none') }}
          columns={[
            { title: t('experts.organisation'), key: 'org', render: (_: unknown, e: Expert['employment'][number]) => dash(e.organisationName ?? e.organisationUscc) },
            { title: t('fields.uscc'), dataIndex: 'organisationUscc', render: dash },
            { title: t('experts.from'), dataIndex: 'from', render: dash },
            { title: t('experts.to'), dataIndex: 'to', render: dash },
          ]} />
      </Card>
      <Card size="small" title={t('fields.shareholdings')}>
        <Table size="small" pagination={false} rowKey="organisationUscc" dataSource={expert.shareholdings} locale={{ emptyText: t('ui.none') }}
          columns={[
            { title: t('fields.uscc'), dataIndex: 'organisationUscc' },
            { title: t('experts.percent'), dataIndex: 'percent', render: (p: number | null) => (p === null ? '—' : `${p}%`) },
          ]} />
      </Card>
      <Card size="small" title={t('fields.declared')}>
        <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={expert.declared} locale={{ emptyText: t('ui.none') }}
          columns={[
            { title: t('fields.uscc'), dataIndex: 'organisationUscc', render: dash },
            { title: t('experts.person'), dataIndex: 'personName', render: dash },
            { title: t('fields.reason'), dataIndex: 'reason', render: (r: string) => <Typography.Text>{r}</Typography.Text> },
          ]} />
      </Card>
      <HistoryTimeline load={load} testId="expert-history" />
    </Space>
  );
}
