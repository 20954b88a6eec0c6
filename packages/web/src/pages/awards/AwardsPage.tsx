import { Alert, App, Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import type { Application, Program } from '../../programTypes';
import { publicationApi } from '../../publicationApi';
import type { AwardType, AwardWithNominations, Nomination } from '../../publicationTypes';
import { can, useSession } from '../../session';
import { useBilingual } from '../programs/model';
import { NominationStatusTag } from '../publication/PublicationTags';
import { AwardTypeModal } from './AwardTypeModal';
import { DecideNominationModal } from './DecideNominationModal';
import { NominateModal } from './NominateModal';

/** 奖项: the program's award types with quotas, their nominations and the decisions with reasons and overrides. */
export function AwardsPage() {
  const { id = '' } = useParams();
  const programId = Number(id);
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const local = useBilingual();
  const [program, setProgram] = useState<Program | null>(null);
  const [awards, setAwards] = useState<AwardWithNominations[] | null>(null);
  const [applications, setApplications] = useState<Application[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [nominating, setNominating] = useState<AwardType | null>(null);
  const [deciding, setDeciding] = useState<{ type: AwardType; nomination: Nomination } | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const editable = can(user, 'editPublications');

  useEffect(() => {
    let live = true;
    Promise.all([api.getProgram(programId), publicationApi.listAwards(programId), api.listApplications({ programId })])
      .then(([p, a, apps]) => {
        if (!live) return;
        setProgram(p);
        setAwards(a.items);
        setApplications(apps.items);
        setError(null);
      })
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [programId, version, t]);

  if (error && !awards) return <Alert type="error" showIcon message={error} data-testid="awards-error" />;
  if (!awards || !program) return <Spin style={{ display: 'block', margin: 48 }} />;

  const done = (text: string) => {
    message.success(text);
    reload();
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<span data-testid="page-title">{t('awards.title', { program: local(program.title) })}</span>}
        extra={
          <Space wrap>
            <Link to={`/programs/${program.id}`}>{t('awards.backToProgram')}</Link>
            <Link to={`/programs/${program.id}/publication`} data-testid="awards-to-publication">{t('publicationPage.open')}</Link>
            {editable && <Button type="primary" onClick={() => setCreating(true)} data-testid="award-type-new">{t('awards.newType')}</Button>}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('awards.intro')}</Typography.Paragraph>
      </Card>
      {awards.length === 0 && <Card><Empty description={t('awards.none')} /></Card>}
      {awards.map((type) => (
        <AwardCard key={type.id} type={type} editable={editable}
          onNominate={() => setNominating(type)} onDecide={(nomination) => setDeciding({ type, nomination })} />
      ))}
      <AwardTypeModal programId={program.id} open={creating} onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          done(t('awards.typeCreated'));
        }} />
      <NominateModal type={nominating} applications={applications} onClose={() => setNominating(null)}
        onNominated={() => {
          setNominating(null);
          done(t('awards.nominated'));
        }} />
      <DecideNominationModal type={deciding?.type ?? null} nomination={deciding?.nomination ?? null} onClose={() => setDeciding(null)}
        onDecided={() => {
          setDeciding(null);
          done(t('awards.decided'));
        }} />
    </Space>
  );
}

interface CardProps {
  type: AwardWithNominations;
  editable: boolean;
  onNominate: () => void;
  onDecide: (n: Nomination) => void;
}

function AwardCard({ type, editable, onNominate, onDecide }: CardProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const local = useBilingual();
  const full = type.granted >= type.quota;
  return (
    <Card
      size="small"
      data-testid={`award-${type.key}`}
      title={
        <Space wrap>
          <span>{local(type.name)}</span>
          <Tag>{t(`publication.awardKind.${type.kind}`)}</Tag>
          <Tag color={type.granted > type.quota ? 'red' : full ? 'orange' : 'green'} data-testid={`award-${type.key}-quota`}>
            {t('awards.quotaUsed', { granted: type.granted, quota: type.quota })}
          </Tag>
        </Space>
      }
      extra={editable && <Button size="small" onClick={onNominate} data-testid={`award-${type.key}-nominate`}>{t('awards.nominate')}</Button>}
    >
      <Table<Nomination>
        rowKey="id"
        size="small"
        dataSource={type.nominations}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('awards.noNominations') }}
        onRow={(n) => ({ 'data-testid': `nomination-row-${n.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('awards.nominee'), key: 'nominee',
            render: (_: unknown, n) => (
              <Space direction="vertical" size={0}>
                <Space wrap><span>{n.nominee.name}</span><Tag>{t(`awards.nomineeKind.${n.nominee.kind}`)}</Tag></Space>
                {n.nominee.detail && <Typography.Text type="secondary">{n.nominee.detail}</Typography.Text>}
                {n.nominee.uscc && <Typography.Text type="secondary" code>{n.nominee.uscc}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('fields.note'), dataIndex: 'note', render: (v: string | null) => v || '—' },
          {
            title: t('fields.status'), key: 'status',
            render: (_: unknown, n) => (
              <Space direction="vertical" size={0} data-testid={`nomination-${n.id}-decision`}>
                <Space wrap>
                  <NominationStatusTag status={n.status} />
                  {n.overrideNote && <Tag color="purple">{t('awards.override')}</Tag>}
                </Space>
                {n.reason && <span>{t('awards.reasonText', { reason: n.reason })}</span>}
                {n.overrideNote && <Typography.Text type="secondary">{t('awards.overrideText', { note: n.overrideNote })}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('awards.decidedAt'), dataIndex: 'decidedAt', render: (v: string | null) => labels.dateTime(v) || '—' },
          ...(editable ? [{
            title: t('programs.actions'), key: 'actions', width: 120,
            render: (_: unknown, n: Nomination) => n.status === 'pending' && (
              <Button size="small" onClick={() => onDecide(n)} data-testid={`nomination-${n.id}-decide`}>{t('awards.decide')}</Button>
            ),
          }] : []),
        ]}
      />
    </Card>
  );
}
