import { Alert, App, Button, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { useLabels } from '../../../labels';
import type { Program } from '../../../programTypes';
import { scoringApi } from '../../../scoringApi';
import type { AssignmentView, ExcludedConflict, ScoringOverview } from '../../../scoringTypes';
import { type Change, ChangeAssignmentModal } from './ChangeAssignmentModal';
import { useCategoryName } from './model';

const STATUS_COLOR: Record<AssignmentView['status'], string> = { active: 'blue', recused: 'red', reserve: 'default' };
const SHEET_COLOR: Record<AssignmentView['sheetStatus'], string> = { none: 'default', draft: 'gold', submitted: 'green' };

interface Props {
  overview: ScoringOverview;
  program: Program;
  editable: boolean;
  onChanged: () => void;
}

/** Running the assignment, what it excluded, every assignment with its explanation, and hand changes with a reason. */
export function AssignmentsTab({ overview, program, editable, onChanged }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const categoryName = useCategoryName(program);
  const [busy, setBusy] = useState(false);
  const [change, setChange] = useState<Change | null>(null);
  const { run, assignments } = overview;
  const scored = assignments.some((a) => a.sheetStatus !== 'none');

  const assign = () => {
    setBusy(true);
    scoringApi.assign(overview.round.id)
      .then((s) => {
        message.success(t('scoringRound.assign.done', { assignments: s.assignments, entries: s.entries, experts: s.experts }));
        onChanged();
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  const openAdd = () => {
    scoringApi.results(overview.round.id)
      .then((r) => setChange({
        kind: 'add',
        entries: r.entries.map((e) => ({ value: e.applicationId, label: `#${e.applicationId} ${e.title} · ${e.organisationName}` })),
      }))
      .catch((e: unknown) => message.error(describeError(e, t)));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {editable && (
        <Space wrap>
          {assignments.length > 0 ? (
            <Popconfirm title={t('scoringRound.assign.rerunConfirm')} onConfirm={assign} okButtonProps={{ 'data-testid': 'assign-run-ok' }}>
              <Button type="primary" loading={busy} disabled={scored} data-testid="assign-run">{t('scoringRound.assign.rerun')}</Button>
            </Popconfirm>
          ) : (
            <Button type="primary" loading={busy} onClick={assign} data-testid="assign-run">{t('scoringRound.assign.run')}</Button>
          )}
          <Button onClick={openAdd} data-testid="assignment-add">{t('scoringRound.change.add')}</Button>
          {scored && <Typography.Text type="secondary">{t('scoringRound.assign.locked')}</Typography.Text>}
        </Space>
      )}
      {overview.config.blind && <Alert type="info" showIcon message={t('scoringRound.assign.blindNote')} data-testid="blind-note" />}
      {run ? (
        <Descriptions size="small" bordered column={{ xs: 1, md: 4 }} data-testid="assign-summary">
          <Descriptions.Item label={t('scoringRound.config.mode')}>{t(`scoringRound.mode.${run.mode}`)}</Descriptions.Item>
          <Descriptions.Item label={t('scoringRound.config.seed')}>{run.seed ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('scoringRound.assign.ranAt')}>{labels.dateTime(run.ranAt)}</Descriptions.Item>
          <Descriptions.Item label={t('scoringRound.assign.counts')}>
            {t('scoringRound.assign.countsText', { entries: run.entries, experts: run.experts, assignments: run.assignments, reserves: run.reserves })}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary" data-testid="assign-none">{t('scoringRound.assign.notRun')}</Typography.Text>
      )}
      {run && run.conflicts.length > 0 && (
        <Table<ExcludedConflict>
          data-testid="excluded-conflicts"
          size="small"
          rowKey={(c) => `${c.expertId}-${c.applicationId}`}
          title={() => t('scoringRound.assign.excluded', { n: run.conflicts.length })}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={run.conflicts}
          columns={[
            { title: t('scoringRound.expert'), dataIndex: 'expertName' },
            { title: t('scoringRound.entry'), key: 'entry', render: (_: unknown, c) => `#${c.applicationId} ${c.organisationName} (${c.uscc})` },
            { title: t('scoringRound.assign.causes'), dataIndex: 'causes', render: (causes: string[]) => causes.join('；') },
          ]}
        />
      )}
      <Table<AssignmentView>
        data-testid="assignments-table"
        size="small"
        rowKey="id"
        dataSource={assignments}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('scoringRound.assign.empty') }}
        onRow={(a) => ({ 'data-testid': `assignment-${a.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('scoringRound.entry'), key: 'entry', width: 240,
            render: (_: unknown, a) => (
              <Space direction="vertical" size={0}>
                <span>#{a.applicationId} {a.title}</span>
                <Typography.Text type="secondary">{a.organisationName}</Typography.Text>
              </Space>
            ),
          },
          { title: t('fields.category'), dataIndex: 'category', render: (c: string | null) => categoryName(c) },
          { title: t('scoringRound.expert'), dataIndex: 'expertName' },
          {
            title: t('fields.status'), key: 'status',
            render: (_: unknown, a) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[a.status]}>{a.statusText}{a.reserveRank !== null ? ` ${a.reserveRank}` : ''}</Tag>
                {a.status === 'active' && <Tag color={SHEET_COLOR[a.sheetStatus]}>{t(`scoringRound.sheet.${a.sheetStatus}`)}</Tag>}
              </Space>
            ),
          },
          {
            title: t('scoringRound.assign.why'), dataIndex: 'explanation',
            render: (lines: string[], a) => (
              <Space direction="vertical" size={0} data-testid={`assignment-why-${a.id}`}>
                {lines.map((l, i) => <Typography.Text key={i} type={i === 0 ? undefined : 'secondary'}>{l}</Typography.Text>)}
              </Space>
            ),
          },
          ...(editable ? [{
            title: t('programs.actions'), key: 'actions', width: 150,
            render: (_: unknown, a: AssignmentView) => a.status !== 'recused' && a.sheetStatus !== 'submitted' && (
              <Space size={4}>
                <Button size="small" onClick={() => setChange({ kind: 'replace', assignment: a })} data-testid={`assignment-replace-${a.id}`}>
                  {t('scoringRound.change.replace')}
                </Button>
                <Button size="small" danger onClick={() => setChange({ kind: 'remove', assignment: a })} data-testid={`assignment-remove-${a.id}`}>
                  {t('ui.remove')}
                </Button>
              </Space>
            ),
          }] : []),
        ]}
      />
      <ChangeAssignmentModal roundId={overview.round.id} change={change} onClose={() => setChange(null)}
        onDone={(text) => {
          setChange(null);
          message.success(text);
          onChanged();
        }} />
    </Space>
  );
}
