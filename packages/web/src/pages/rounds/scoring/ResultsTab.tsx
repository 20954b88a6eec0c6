import { Alert, Card, Checkbox, Space, Spin, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import type { Program } from '../../../programTypes';
import { scoringApi } from '../../../scoringApi';
import type { ResultEntry, ResultReview, RoundResults, ScoringOverview } from '../../../scoringTypes';
import { DecisionForm } from './DecisionForm';
import { flagColor, score, useCategoryName, useFlagLabel } from './model';

interface Props {
  overview: ScoringOverview;
  program: Program;
  editable: boolean;
  onChanged: () => void;
}

/** Results per category (rank, score, rank interval, tie and uncertainty flags), the selection decision and closing. */
export function ResultsTab({ overview, program, editable, onChanged }: Props) {
  const { t } = useTranslation();
  const categoryName = useCategoryName(program);
  const flagLabel = useFlagLabel();
  const [results, setResults] = useState<RoundResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const roundId = overview.round.id;

  useEffect(() => {
    let live = true;
    scoringApi.results(roundId)
      .then((r) => {
        if (!live) return;
        setResults(r);
        setSelected(new Set(overview.decision?.selected ?? r.proposed));
      })
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [roundId, overview.decision, t]);

  const groups = useMemo(() => {
    const by = new Map<string | null, ResultEntry[]>();
    for (const e of results?.entries ?? []) by.set(e.category, [...(by.get(e.category) ?? []), e]);
    return [...by.entries()];
  }, [results]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!results) return <Spin />;
  const closed = results.status === 'closed';
  const toggle = (id: number, on: boolean) => setSelected((s) => {
    const next = new Set(s);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });

  const reviewsOf = (e: ResultEntry) => (
    <Table<ResultReview>
      size="small"
      rowKey="assignmentId"
      pagination={false}
      dataSource={e.reviews}
      columns={[
        { title: t('scoringRound.expert'), dataIndex: 'expertName' },
        { title: t('fields.status'), dataIndex: 'status', render: (s: ResultReview['status']) => t(`scoringRound.sheet.${s}`) },
        ...results.criteria.map((c) => ({
          title: c.key, key: c.key, render: (_: unknown, r: ResultReview) => score(r.scores[c.key]),
        })),
        { title: t('scoringRound.results.weighted'), dataIndex: 'weighted', render: (v: number | null) => score(v) },
        { title: t('scoringRound.results.calibrated'), dataIndex: 'calibrated', render: (v: number | null) => score(v) },
        { title: t('fields.comment'), dataIndex: 'comment' },
      ]}
    />
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text data-testid="results-summary">
        {t('scoringRound.results.summary', {
          submitted: results.submittedCount, outstanding: results.outstanding,
          method: t(`scoringRound.aggregate.${results.method}`), calibration: t(`scoringRound.calibration.${results.calibration}`),
        })}
        {results.bootstrap && ` ${t('scoringRound.results.bootstrap', { replicates: results.bootstrap.replicates, level: Math.round(results.bootstrap.level * 100) })}`}
      </Typography.Text>
      {groups.map(([category, entries]) => {
        const c = results.categories.find((x) => x.category === category);
        const quota = category === null ? undefined : results.quotas[category];
        return (
          <Card
            key={category ?? '-'}
            size="small"
            data-testid={`results-${category ?? 'none'}`}
            title={
              <Space wrap>
                <span>{categoryName(category)}</span>
                <Tag>{quota === undefined ? t('scoringRound.results.noQuota') : t('scoringRound.results.quota', { quota })}</Tag>
                {c?.cutoffScore !== null && c?.cutoffScore !== undefined && <Tag>{t('scoringRound.results.cutoff', { score: score(c.cutoffScore) })}</Tag>}
              </Space>
            }
          >
            {c?.message && <Typography.Paragraph type="secondary">{c.message}</Typography.Paragraph>}
            <Table<ResultEntry>
              size="small"
              rowKey="applicationId"
              pagination={false}
              dataSource={entries}
              expandable={{ expandedRowRender: reviewsOf }}
              onRow={(e) => ({ 'data-testid': `result-${e.applicationId}` }) as HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('scoringRound.results.select'), key: 'select', width: 70,
                  render: (_: unknown, e) => (
                    <Checkbox checked={selected.has(e.applicationId)} disabled={!editable || closed}
                      onChange={(ev) => toggle(e.applicationId, ev.target.checked)} data-testid={`select-${e.applicationId}`} />
                  ),
                },
                { title: t('scoringRound.results.rank'), dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
                {
                  title: t('scoringRound.entry'), key: 'entry',
                  render: (_: unknown, e) => (
                    <Space direction="vertical" size={0}>
                      <span>#{e.applicationId} {e.title}</span>
                      <Typography.Text type="secondary">{e.organisationName}</Typography.Text>
                    </Space>
                  ),
                },
                { title: t('scoringRound.results.score'), dataIndex: 'score', render: (v: number | null) => score(v) },
                { title: t('scoringRound.results.raw'), dataIndex: 'rawScore', render: (v: number | null) => score(v) },
                {
                  title: t('scoringRound.results.interval'), dataIndex: 'interval',
                  render: (i: ResultEntry['interval']) => (i ? t('scoringRound.results.intervalText', { low: i.low, high: i.high, expected: score(i.expected) }) : '—'),
                },
                {
                  title: t('scoringRound.results.flags'), key: 'flags',
                  render: (_: unknown, e) => (
                    <Space size={2} wrap>
                      {e.proposed && <Tag color="green">{t('scoringRound.results.proposed')}</Tag>}
                      {e.flags.map((f) => <Tag key={f} color={flagColor(f)} data-testid={`flag-${e.applicationId}-${f}`}>{flagLabel(f)}</Tag>)}
                      {e.missing > 0 && <Tag>{t('scoringRound.results.missing', { n: e.missing })}</Tag>}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        );
      })}
      <DecisionForm overview={overview} results={results} selected={selected} editable={editable && !closed}
        onReset={() => setSelected(new Set(results.proposed))} onChanged={onChanged} categoryName={categoryName} />
    </Space>
  );
}
