import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import { publicationApi } from '../../publicationApi';
import type { Objection } from '../../publicationTypes';
import { can, useSession } from '../../session';
import { useBilingual } from '../programs/model';
import { CertificatesCard } from './CertificatesCard';
import { EntriesTable } from './EntriesTable';
import { periodText } from './model';
import { InvestigateModal, ResolveModal } from './ObjectionModals';
import { ObjectionsTable } from './ObjectionsTable';
import { PublicationStatusTag } from './PublicationTags';
import { PublishModal } from './PublishModal';
import { useProgramData } from '../programs/useProgramData';

type Busy = 'draft' | 'finalise' | null;

/** 公示: draft the list, publish it for a period, handle objections, finalise it and issue certificates. */
export function PublicationPage() {
  const { id = '' } = useParams();
  const programId = Number(id);
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const labels = useLabels();
  const local = useBilingual();
  const [busy, setBusy] = useState<Busy>(null);
  const [publishing, setPublishing] = useState<number | null>(null);
  const [investigating, setInvestigating] = useState<Objection | null>(null);
  const [resolving, setResolving] = useState<Objection | null>(null);
  const { program, data: publication, error, reload } = useProgramData(programId, programId, () => publicationApi.getPublication(programId));
  const editable = can(user, 'editPublications');

  if (error && publication === undefined) return <Alert type="error" showIcon message={error} data-testid="publication-error" />;
  if (publication === undefined || !program) return <Spin style={{ display: 'block', margin: 48 }} />;

  const act = (kind: Busy, work: () => Promise<string>) => {
    setBusy(kind);
    work()
      .then((text) => {
        message.success(text);
        reload();
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(null));
  };
  const draft = () => act('draft', async () => t('publicationPage.drafted', { n: (await publicationApi.draftPublication(programId)).entries.length }));
  const finalise = (pubId: number) => act('finalise', async () => {
    await publicationApi.finalise(pubId);
    return t('publicationPage.finalised');
  });

  const links = (
    <Space wrap>
      <Link to={`/programs/${program.id}`}>{t('awards.backToProgram')}</Link>
      <Link to={`/programs/${program.id}/awards`} data-testid="publication-to-awards">{t('awards.open')}</Link>
    </Space>
  );
  const title = <span data-testid="page-title">{t('publicationPage.title', { program: local(program.title) })}</span>;

  if (publication === null) {
    return (
      <Card title={title} extra={links}>
        <Empty description={t('publicationPage.noDraft')}>
          {editable && (
            <Button type="primary" loading={busy === 'draft'} onClick={draft} data-testid="publication-draft">{t('publicationPage.draft')}</Button>
          )}
        </Empty>
      </Card>
    );
  }

  const p = publication;
  const listed = p.entries.filter((e) => e.status === 'listed').length;
  const unresolved = p.objections.filter((o) => o.status === 'open' || o.status === 'investigating').length;
  const periodOver = p.endsAt !== null && Date.now() >= Date.parse(p.endsAt);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Space wrap>{title}<PublicationStatusTag status={p.status} testId="publication-status" /></Space>} extra={links}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="publication-details">
          <Descriptions.Item label={t('publicationPage.period')}>
            <Space wrap>
              <span data-testid="publication-period">{periodText(t, p)}</span>
              {p.objectionsOpen && <Tag color="orange" data-testid="publication-objections-open">{t('publicationPage.objectionsOpen')}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('publicationPage.listed')}>
            <span data-testid="publication-listed">{t('publicationPage.listedText', { listed, total: p.entries.length })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('publicationPage.publishedAt')}>{labels.dateTime(p.publishedAt) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('publicationPage.finalisedAt')}>{labels.dateTime(p.finalisedAt) || '—'}</Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 16 }}>
          {editable && p.status === 'draft' && (
            <>
              <Popconfirm title={t('publicationPage.redraftConfirm')} onConfirm={draft} okButtonProps={{ 'data-testid': 'publication-redraft-ok' }}>
                <Button loading={busy === 'draft'} data-testid="publication-redraft">{t('publicationPage.redraft')}</Button>
              </Popconfirm>
              <Button type="primary" disabled={listed === 0} onClick={() => setPublishing(p.id)} data-testid="publication-publish">
                {t('publicationPage.publish')}
              </Button>
            </>
          )}
          {editable && p.status === 'published' && (
            <Popconfirm title={t('publicationPage.finaliseConfirm')} onConfirm={() => finalise(p.id)} okButtonProps={{ 'data-testid': 'publication-finalise-ok' }}>
              <Button type="primary" loading={busy === 'finalise'} data-testid="publication-finalise">{t('publicationPage.finalise')}</Button>
            </Popconfirm>
          )}
          {p.status === 'published' && (!periodOver || unresolved > 0) && (
            <Typography.Text type="secondary" data-testid="publication-finalise-hint">
              {!periodOver ? t('publicationPage.finaliseAfter', { end: p.endDate ?? '' }) : t('publicationPage.unresolved', { n: unresolved })}
            </Typography.Text>
          )}
          {p.status !== 'draft' && (
            <Link to={`/public/publications/${p.id}`} target="_blank" data-testid="publication-public-link">{t('publicationPage.publicPage')}</Link>
          )}
        </Space>
      </Card>
      <Card size="small" title={t('publicationPage.entries', { n: p.entries.length })}>
        <EntriesTable entries={p.entries} decisions={p.decisions} program={program} />
      </Card>
      {p.status !== 'draft' && (
        <Card size="small" title={t('objections.title', { n: p.objections.length, open: unresolved })}>
          <ObjectionsTable objections={p.objections} entries={p.entries} decisions={p.decisions}
            actionable={editable && p.status === 'published'} onInvestigate={setInvestigating} onResolve={setResolving} />
        </Card>
      )}
      {p.status === 'final' && <CertificatesCard publicationId={p.id} editable={editable} />}
      <PublishModal publicationId={publishing} onClose={() => setPublishing(null)}
        onPublished={() => {
          setPublishing(null);
          message.success(t('publicationPage.published'));
          reload();
        }} />
      <InvestigateModal objection={investigating} onClose={() => setInvestigating(null)}
        onSaved={() => {
          setInvestigating(null);
          message.success(t('objections.investigating'));
          reload();
        }} />
      <ResolveModal objection={resolving} entries={p.entries} onClose={() => setResolving(null)}
        onResolved={() => {
          setResolving(null);
          message.success(t('objections.resolved'));
          reload();
        }} />
    </Space>
  );
}
