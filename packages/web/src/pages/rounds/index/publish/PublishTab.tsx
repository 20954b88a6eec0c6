import { Alert, App, Button, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../../api';
import { describeError } from '../../../../components/describeError';
import type { Cycle } from '../../../../indexTypes';
import { useLabels } from '../../../../labels';
import { can, useSession } from '../../../../session';
import { BreakdownStats } from '../breakdown/BreakdownStats';
import { DownloadButtons } from './DownloadButtons';
import { PublishedList } from './PublishedList';

/** 发布: the admin freezes the top N (after a confirmation); then the breakdown, the inputs hash, the files. */
export function PublishTab({ cycle, reload }: { cycle: Cycle; reload: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const publication = cycle.publication;

  const publish = () => {
    modal.confirm({
      title: t('publish.confirmTitle', { name: cycle.name }),
      content: t('publish.confirmText', { topN: cycle.topN, ranked: cycle.computation?.ranked ?? 0 }),
      okText: t('publish.publish'),
      cancelText: t('ui.cancel'),
      okButtonProps: { 'data-testid': 'publish-confirm' },
      onOk: async () => {
        setBusy(true);
        try {
          const p = await api.publish(cycle.id);
          message.success(t('publish.done', { entries: p.entries.length }));
          reload();
        } catch (e) {
          message.error(describeError(e, t));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  if (!publication) {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          type={cycle.status === 'computed' ? 'info' : 'warning'}
          showIcon
          message={cycle.status === 'computed' ? t('publish.ready', { topN: cycle.topN }) : t('publish.notReady')}
        />
        {can(user, 'publishTop100') ? (
          <Button type="primary" danger disabled={cycle.status !== 'computed'} loading={busy} onClick={publish} data-testid="publish-button">
            {t('publish.publish')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('publish.adminOnly')}</Typography.Text>
        )}
      </Space>
    );
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="success" showIcon data-testid="publish-status" message={t('publish.publishedAt', { at: labels.dateTime(cycle.publishedAt) })} />
      <BreakdownStats breakdown={publication.breakdown} evaluated={publication.evaluated} />
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('publish.inputsHash')}>
          <Typography.Text code copyable data-testid="publish-hash" style={{ wordBreak: 'break-all' }}>{publication.inputsHash}</Typography.Text>
        </Descriptions.Item>
        {publication.tiedAtCutoff.length > 0 && (
          <Descriptions.Item label={t('publish.tiedAtCutoff')}>{publication.tiedAtCutoff.join(', ')}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('publish.files')}><DownloadButtons cycleId={cycle.id} /></Descriptions.Item>
        <Descriptions.Item label={t('publish.publicPage')}>
          <Link to={`/public/top100/${cycle.id}`} data-testid="public-link">{`${window.location.origin}/public/top100/${cycle.id}`}</Link>
        </Descriptions.Item>
        {publication.publicationId !== undefined && (
          <Descriptions.Item label={t('publish.publicationRecord')}>
            <Link to={`/public/publications/${publication.publicationId}`} data-testid="publication-link">{t('publish.publicationRecordLink')}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      <PublishedList publication={publication} testId="published-list" />
    </Space>
  );
}
