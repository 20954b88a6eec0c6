import { ahpWeights, budgetWeights, type FieldError } from '@keping/core';
import { Alert, Button, type ButtonProps, InputNumber, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemRow } from './specModel';

type Method = 'equal' | 'ahp' | 'budget';

/** Saaty's scale: 9 … 2, 1, 1/2 … 1/9 ("row is … times as important as column"). */
const SAATY = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];
const saatyLabel = (v: number) => (v >= 1 ? String(v) : `1/${Math.round(1 / v)}`);

interface Props {
  /** The rows whose weights are derived: the children of one group, or the pillars. */
  siblings: SystemRow[];
  onApply: (weights: Map<string, number>) => void;
  onClose: () => void;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Derives the weights of sibling nodes by one of the handbook's methods (§6), computed in the
 * browser by the same pure functions the engine uses: equal weights, AHP from pairwise
 * comparisons (refused when the consistency ratio exceeds 0.1, naming the comparison to revise),
 * or budget allocation over several experts' points.
 */
export function WeightsModal({ siblings, onApply, onClose }: Props) {
  const { t } = useTranslation();
  const ids = useMemo(() => siblings.map((r) => r.id || r.key), [siblings]);
  const n = ids.length;
  const [method, setMethod] = useState<Method>('ahp');
  const [upper, setUpper] = useState<number[][]>(() => ids.map(() => ids.map(() => 1)));
  const [experts, setExperts] = useState<number[][]>(() => [ids.map(() => Math.round((100 / n) * 100) / 100)]);

  const matrix = useMemo(
    () => ids.map((_, i) => ids.map((__, j) => (i === j ? 1 : i < j ? upper[i]![j]! : 1 / upper[j]![i]!))),
    [ids, upper],
  );
  const outcome = useMemo((): { weights: Float64Array; note: string } | { errors: FieldError[] } => {
    if (method === 'equal') return { weights: new Float64Array(n).fill(1 / n), note: '' };
    if (method === 'ahp') {
      const r = ahpWeights(ids, matrix);
      if (!r.ok) return { errors: r.errors };
      return { weights: r.result.weights, note: t('weights.ahpNote', { lambda: r.result.lambdaMax.toFixed(3), ci: r.result.ci.toFixed(3), cr: r.result.cr.toFixed(3) }) };
    }
    const r = budgetWeights(ids, experts.map((points, e) => ({ expert: t('weights.expertN', { n: e + 1 }), points: Object.fromEntries(ids.map((id, i) => [id, points[i] ?? 0])) })));
    if (!r.ok) return { errors: r.errors };
    return { weights: r.result.weights, note: t('weights.budgetNote', { experts: experts.length }) };
  }, [method, ids, matrix, experts, n, t]);

  const apply = () => {
    if (!('weights' in outcome)) return;
    onApply(new Map(siblings.map((r, i) => [r.key, round(outcome.weights[i]!)])));
    onClose();
  };

  const ahpTable = (
    <Table<{ id: string; i: number }>
      size="small" bordered pagination={false} rowKey="id" data-testid="weights-ahp"
      dataSource={ids.map((id, i) => ({ id, i }))}
      columns={[
        { key: 'row', title: '', render: (_: unknown, r) => <Typography.Text strong>{r.id}</Typography.Text> },
        ...ids.map((col, j) => ({
          key: col, title: col,
          render: (_: unknown, r: { i: number }) => (r.i < j ? (
            <Select<number> size="small" value={upper[r.i]![j]} style={{ width: 76 }} data-testid={`ahp-${r.i}-${j}`} virtual={false}
              onChange={(v) => setUpper((u) => u.map((row, a) => (a === r.i ? row.map((x, b) => (b === j ? v : x)) : row)))}
              options={SAATY.map((v) => ({ value: v, label: saatyLabel(v) }))} />
          ) : <Typography.Text type="secondary">{saatyLabel(matrix[r.i]![j]!)}</Typography.Text>),
        })),
      ]}
    />
  );

  const budgetTable = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<{ e: number; points: number[] }>
        size="small" bordered pagination={false} rowKey="e" data-testid="weights-budget"
        dataSource={experts.map((points, e) => ({ e, points }))}
        columns={[
          { key: 'expert', title: t('weights.expert'), render: (_: unknown, r: { e: number }) => t('weights.expertN', { n: r.e + 1 }) },
          ...ids.map((id, i) => ({
            key: id, title: id,
            render: (_: unknown, r: { e: number; points: number[] }) => (
              <InputNumber size="small" min={0} max={100} value={r.points[i]} style={{ width: 76 }}
                onChange={(v) => setExperts((xs) => xs.map((row, a) => (a === r.e ? row.map((x, b) => (b === i ? Number(v ?? 0) : x)) : row)))} />
            ),
          })),
          { key: 'sum', title: t('weights.sum'), render: (_: unknown, r: { points: number[] }) => r.points.reduce((s, v) => s + v, 0) },
        ]}
      />
      <Button size="small" onClick={() => setExperts((xs) => [...xs, ids.map(() => Math.round((100 / n) * 100) / 100)])}>{t('weights.addExpert')}</Button>
    </Space>
  );

  return (
    <Modal open width={Math.min(1100, 260 + 110 * n)} title={t('weights.title')} onCancel={onClose} onOk={apply} okText={t('weights.apply')}
      okButtonProps={{ disabled: !('weights' in outcome), 'data-testid': 'weights-apply' } as ButtonProps}>
      <Tabs activeKey={method} onChange={(k) => setMethod(k as Method)} items={[
        { key: 'ahp', label: t('weights.method.ahp'), children: <><Typography.Paragraph type="secondary">{t('weights.ahpHint')}</Typography.Paragraph>{ahpTable}</> },
        { key: 'budget', label: t('weights.method.budget'), children: <><Typography.Paragraph type="secondary">{t('weights.budgetHint')}</Typography.Paragraph>{budgetTable}</> },
        { key: 'equal', label: t('weights.method.equal'), children: <Typography.Paragraph type="secondary">{t('weights.equalHint')}</Typography.Paragraph> },
      ]} />
      {'weights' in outcome ? (
        <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="weights-result"
          message={ids.map((id, i) => `${id} ${(outcome.weights[i]! * 100).toFixed(1)}%`).join(' · ')} description={outcome.note || undefined} />
      ) : (
        <Alert type="error" showIcon style={{ marginTop: 12 }} data-testid="weights-errors"
          message={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{outcome.errors.map((e, i) => <li key={i}>{t(`errors.${e.code}`, e.params)}</li>)}</ul>} />
      )}
    </Modal>
  );
}
