import { presetOf, type ProgramPage } from '@keping/core';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import type { Application, Program, Round } from '../../programTypes';
import { can, useSession } from '../../session';
import { WEB_ROUND_KINDS } from '../rounds/registry';
import { DrawHoldersCard } from './DrawHoldersCard';
import { useBilingual } from './model';
import { ApplicationStatusTag, ProgramStatusTag, RoundStatusTag } from './ProgramTags';

/** One program: its call, its rounds in order (a screening round opens its screening page) and its applications. */
export function ProgramDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const local = useBilingual();
  const { message } = App.useApp();
  const { user } = useSession();
  const navigate = useNavigate();
  const [program, setProgram] = useState<Program | null>(null);
  const [applications, setApplications] = useState<Application[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(0);
  const editable = can(user, 'editPrograms');

  useEffect(() => {
    let live = true;
    setProgram(null);
    Promise.all([api.getProgram(Number(id)), api.listApplications({ programId: Number(id) })])
      .then(([p, a]) => {
        if (!live) return;
        setProgram(p);
        setApplications(a.items);
      })
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [id, t, drawn]);

  if (error) return <Alert type="error" showIcon message={error} data-testid="program-error" />;
  if (!program) return <Spin style={{ display: 'block', margin: 48 }} />;
  const { call } = program;

  const copy = () =>
    api.copyProgram(program.id)
      .then((c) => {
        message.success(t('programs.copied', { year: c.cycleYear }));
        navigate(`/programs/${c.id}/edit`);
      })
      .catch((e: unknown) => message.error(describeError(e, t)));

  const pages: readonly ProgramPage[] = presetOf(program.type).pages;
  // Evaluations and indices draw a pool: no call window, form or attachments to show.
  const pooled = presetOf(program.type).entries === 'pool';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Space wrap><span data-testid="program-title">{local(program.title)}</span><ProgramStatusTag status={program.status} /></Space>}
        extra={
          <Space>
            <Link to="/programs">{t('programs.backToList')}</Link>
            {pages.includes('awards') && <Link to={`/programs/${program.id}/awards`} data-testid="program-awards">{t('awards.open')}</Link>}
            {pages.includes('publication') && <Link to={`/programs/${program.id}/publication`} data-testid="program-publication">{t('publicationPage.open')}</Link>}
            {editable && (
              <Popconfirm title={t('programs.copyConfirm', { year: program.cycleYear + 1 })} onConfirm={copy}>
                <Button data-testid="program-copy">{t('programs.copy')}</Button>
              </Popconfirm>
            )}
            {editable && <Button type="primary" onClick={() => navigate(`/programs/${program.id}/edit`)} data-testid="program-edit">{t('programs.edit')}</Button>}
          </Space>
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="program-details">
          <Descriptions.Item label={t('fields.type')}>{t(`programs.type.${program.type}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.cycleYear')}>{program.cycleYear}</Descriptions.Item>
          <Descriptions.Item label={t('fields.ownerOffice')}>{program.ownerOffice}</Descriptions.Item>
          {pooled ? (
            <Descriptions.Item label={t('programs.entries')} span={2}>
              <span data-testid="program-entries">{t('programs.entriesPool')}</span>
            </Descriptions.Item>
          ) : [
            <Descriptions.Item key="window" label={t('programs.window')}>
              <Space wrap>
                <span data-testid="program-window">{t('programs.windowText', { opens: call.opensAtShanghai, closes: call.closesAtShanghai })}</span>
                {call.isOpen && <Tag color="green">{t('programs.open')}</Tag>}
              </Space>
            </Descriptions.Item>,
            <Descriptions.Item key="kinds" label={t('programForm.allowedKinds')}>
              {call.allowedKinds.length ? call.allowedKinds.map((k) => <Tag key={k}>{labels.kind(k)}</Tag>) : t('programs.anyKind')}
            </Descriptions.Item>,
            <Descriptions.Item key="rules" label={t('programForm.ruleSet')}>{call.ruleSetId ?? t('programForm.noRuleSet')}</Descriptions.Item>,
            <Descriptions.Item key="fields" label={t('programForm.step.fields')} span={2}>
              {call.fields.length ? call.fields.map((f) => <Tag key={f.key}>{local(f.label)}{f.required ? ' *' : ''}</Tag>) : t('ui.none')}
            </Descriptions.Item>,
            <Descriptions.Item key="attachments" label={t('programForm.step.attachments')} span={2}>
              {call.attachments.length ? call.attachments.map((a) => <Tag key={a.key}>{local(a.label)}{a.required ? ' *' : ''}</Tag>) : t('ui.none')}
            </Descriptions.Item>,
          ]}
          <Descriptions.Item label={t('programForm.step.categories')} span={2}>
            {program.categories.length ? program.categories.map((c) => <Tag key={c.key}>{local(c.name)}</Tag>) : t('ui.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('programForm.step.outcomes')} span={2}>
            {program.outcomes.length ? program.outcomes.map((o) => <Tag key={o.key}>{local(o.name)}{o.quota !== null ? ` × ${o.quota}` : ''}</Tag>) : t('ui.none')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('fields.rounds')} size="small">
        <Table<Round>
          data-testid="program-rounds"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={program.rounds}
          locale={{ emptyText: t('programForm.noRounds') }}
          onRow={(r) => ({ 'data-testid': `round-row-${r.key}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '#', dataIndex: 'position', width: 50 },
            { title: t('programForm.roundName'), key: 'name', render: (_: unknown, r) => local(r.name) },
            { title: t('programForm.roundKind'), dataIndex: 'kind', render: (k: Round['kind']) => t(`programs.roundKind.${k}`) },
            { title: t('fields.status'), dataIndex: 'status', render: (s: Round['status']) => <RoundStatusTag status={s} /> },
            { title: t('programs.closedAt'), dataIndex: 'closedAt', render: (v: string | null) => labels.dateTime(v) || '—' },
            {
              title: t('programs.actions'), key: 'actions',
              render: (_: unknown, r) => {
                const { segment, openLabel } = WEB_ROUND_KINDS[r.kind];
                return <Link to={`/programs/${program.id}/rounds/${r.id}/${segment}`} data-testid={`round-${segment}-${r.key}`}>{t(openLabel)}</Link>;
              },
            },
          ]}
        />
      </Card>
      {editable && presetOf(program.type).pool === 'holders' && program.rounds[0]?.status === 'pending' && (
        <DrawHoldersCard programId={program.id} onDrawn={() => setDrawn((n) => n + 1)} />
      )}
      <Card title={t(pooled ? 'programs.poolEntries' : 'programs.applications', { n: applications.length })} size="small">
        <Table<Application>
          data-testid="program-applications"
          rowKey="id"
          size="small"
          dataSource={applications}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t(pooled ? 'programs.organisation' : 'applications.organisation'), key: 'org', render: (_: unknown, a) => a.organisationName ?? a.uscc },
            // a pool entry was drawn, not applied for: no title, status or submission time of its own
            ...(pooled ? [] : [{ title: t('fields.title'), dataIndex: 'title' }]),
            { title: t('fields.category'), dataIndex: 'category', render: (c: string | null) => local(program.categories.find((x) => x.key === c)?.name) || '—' },
            ...(pooled ? [] : [
              { title: t('fields.status'), dataIndex: 'status', render: (s: Application['status']) => <ApplicationStatusTag status={s} /> },
              { title: t('applications.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => labels.dateTime(v) || '—' },
            ]),
          ]}
        />
      </Card>
    </Space>
  );
}
