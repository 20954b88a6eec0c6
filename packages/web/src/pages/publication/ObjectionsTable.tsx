import { App, Button, Space, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import { publicationApi } from '../../publicationApi';
import type { Entry, ListDecision, Objection } from '../../publicationTypes';
import { useBilingual } from '../programs/model';
import { decisionText, entryLabel } from './model';
import { ObjectionStatusTag } from './PublicationTags';

interface Props {
  objections: Objection[];
  entries: Entry[];
  decisions: ListDecision[];
  /** Investigate and resolve are offered while the list is under announcement, to the office. */
  actionable: boolean;
  onInvestigate: (o: Objection) => void;
  onResolve: (o: Objection) => void;
}

const resolved = (o: Objection) => o.status === 'upheld' || o.status === 'dismissed';

/** 异议: who objected and how to reach them, the grounds and evidence, the investigation and the resolution with its effect. */
export function ObjectionsTable({ objections, entries, decisions, actionable, onInvestigate, onResolve }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const local = useBilingual();
  const entryOf = (id: number | null) => entries.find((e) => e.id === id);

  return (
    <Table<Objection>
      data-testid="objections-table"
      rowKey="id"
      size="small"
      dataSource={objections}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('objections.none') }}
      onRow={(o) => ({ 'data-testid': `objection-row-${o.id}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '#', dataIndex: 'id', width: 50 },
        {
          title: t('objections.objector'), key: 'who', width: 200,
          render: (_: unknown, o) => (
            <Space direction="vertical" size={0}>
              <span>{o.name}</span>
              <Typography.Text type="secondary">{o.contact}</Typography.Text>
              {o.organisation && <Typography.Text type="secondary">{o.organisation}</Typography.Text>}
              <Typography.Text type="secondary">{labels.dateTime(o.filedAt)}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t('objections.entry'), key: 'entry', width: 200,
          render: (_: unknown, o) => {
            const e = entryOf(o.entryId);
            return e ? entryLabel(e) : t('objections.wholeList');
          },
        },
        {
          title: t('fields.grounds'), key: 'grounds',
          render: (_: unknown, o) => (
            <Space direction="vertical" size={0}>
              <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: true }}>{o.grounds}</Typography.Paragraph>
              {o.evidence && (
                <Button type="link" size="small" style={{ padding: 0 }} data-testid={`objection-${o.id}-evidence`}
                  onClick={() => publicationApi.downloadEvidence(o).catch((e: unknown) => message.error(describeError(e, t)))}>
                  {t('objections.evidence', { name: o.evidence.name ?? o.evidence.sha256.slice(0, 12) })}
                </Button>
              )}
            </Space>
          ),
        },
        {
          title: t('fields.status'), key: 'status', width: 260,
          render: (_: unknown, o) => {
            const d = decisions.find((x) => x.objectionId === o.id);
            return (
              <Space direction="vertical" size={0} data-testid={`objection-${o.id}-state`}>
                <ObjectionStatusTag status={o.status} testId={`objection-${o.id}-status`} />
                {o.investigationNote && <Typography.Text type="secondary">{t('objections.investigationText', { note: o.investigationNote })}</Typography.Text>}
                {o.resolutionReason && <span>{t('objections.reasonText', { reason: o.resolutionReason })}</span>}
                {d && <Typography.Text type="warning" data-testid={`objection-${o.id}-change`}>{decisionText(t, local, d, entryOf(d.entryId))}</Typography.Text>}
              </Space>
            );
          },
        },
        ...(actionable ? [{
          title: t('programs.actions'), key: 'actions', width: 140,
          render: (_: unknown, o: Objection) => !resolved(o) && (
            <Space direction="vertical" size={4}>
              <Button size="small" onClick={() => onInvestigate(o)} data-testid={`objection-${o.id}-investigate`}>{t('objections.investigate')}</Button>
              <Button size="small" type="primary" onClick={() => onResolve(o)} data-testid={`objection-${o.id}-resolve`}>{t('objections.resolve')}</Button>
            </Space>
          ),
        }] : []),
      ]}
    />
  );
}
