import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api';
import { describeError } from '../../../components/describeError';
import { useLabels } from '../../../labels';
import type { Application, Program } from '../../../programTypes';
import { useBilingual } from '../model';
import { ApplicationStatusTag } from '../ProgramTags';

/** 我的申报: the calls open now, and the organisation's applications with their status and screening outcome. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const local = useBilingual();
  const navigate = useNavigate();
  const [calls, setCalls] = useState<Program[]>([]);
  const [applications, setApplications] = useState<Application[]>([]);
  const [programs, setPrograms] = useState<Map<number, Program>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const [open, mine] = await Promise.all([api.openCalls(), api.listApplications()]);
      const known = new Map(open.items.map((p) => [p.id, p]));
      const missing = [...new Set(mine.items.map((a) => a.programId))].filter((id) => !known.has(id));
      // calls that have closed since: their titles still name the applications
      const more = await Promise.all(missing.map((id) => api.getCall(id).catch(() => null)));
      for (const p of more) if (p) known.set(p.id, p);
      if (!live) return;
      setCalls(open.items);
      setApplications(mine.items);
      setPrograms(known);
    })()
      .catch((e: unknown) => live && setError(describeError(e, t)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [t]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} />}
      <Card title={<span data-testid="page-title">{t('portal.title')}</span>}>
        <Table<Application>
          data-testid="my-applications"
          rowKey="id"
          loading={loading}
          dataSource={applications}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('portal.noApplications') }}
          onRow={(a) => ({ 'data-testid': `my-application-${a.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('fields.title'), key: 'title', render: (_: unknown, a) => <Link to={`/applications/${a.id}`} data-testid={`application-link-${a.id}`}>{a.title}</Link> },
            { title: t('portal.program'), key: 'program', render: (_: unknown, a) => local(programs.get(a.programId)?.title) || `#${a.programId}` },
            { title: t('fields.status'), dataIndex: 'status', render: (s: Application['status'], a) => <ApplicationStatusTag status={s} testId={`application-status-${a.id}`} /> },
            {
              title: t('portal.screening'), key: 'screening',
              render: (_: unknown, a) => (a.screening ?? []).map((s) => (
                <Tag key={s.roundId} color={s.decision.outcome === 'advance' ? 'green' : 'red'}>{local(s.roundName)}: {s.decision.outcomeText}</Tag>
              )),
            },
            { title: t('portal.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => labels.dateTime(v) },
          ]}
        />
      </Card>
      <Card title={t('portal.openCalls')}>
        <Table<Program>
          data-testid="open-calls"
          rowKey="id"
          loading={loading}
          dataSource={calls}
          pagination={false}
          locale={{ emptyText: t('portal.noOpenCalls') }}
          onRow={(p) => ({ 'data-testid': `open-call-${p.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('fields.title'), key: 'title', render: (_: unknown, p) => local(p.title) },
            { title: t('fields.ownerOffice'), dataIndex: 'ownerOffice' },
            {
              title: t('programs.window'), key: 'window',
              render: (_: unknown, p) => <Typography.Text>{t('programs.windowText', { opens: p.call.opensAtShanghai, closes: p.call.closesAtShanghai })}</Typography.Text>,
            },
            {
              title: t('programs.actions'), key: 'apply',
              render: (_: unknown, p) => (
                <Button type="primary" size="small" onClick={() => navigate(`/calls/${p.id}/apply`)} data-testid={`apply-${p.id}`}>{t('portal.apply')}</Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
