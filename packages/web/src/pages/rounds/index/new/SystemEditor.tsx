import { Alert, Button, Input, InputNumber, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { INDEX_AGGREGATIONS as AGGREGATIONS, type IndexAggregation as Aggregation } from '@keping/core';
import type { HTMLAttributes, ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addRow, countRows, groupKeys, newGroup, newIndicator, removeRow, updateRow, type RootInfo, type SystemProblem, type SystemRow,
} from './specModel';
import { WeightsModal } from './WeightsModal';

interface Props {
  root: RootInfo;
  rows: SystemRow[];
  year: number | null;
  problems: SystemProblem[];
  onRoot: (root: RootInfo) => void;
  onRows: (rows: SystemRow[]) => void;
}

/** Shares of each weight among its siblings, by row key. */
function shares(rows: SystemRow[], out = new Map<string, number>()): Map<string, number> {
  const sum = rows.reduce((s, r) => s + (r.weight ?? 0), 0);
  for (const r of rows) {
    out.set(r.key, sum > 0 ? (r.weight ?? 0) / sum : 0);
    if (r.children) shares(r.children, out);
  }
  return out;
}

/** The indicator system as an editable tree: pillars (and sub-pillars) with their indicators. */
export function SystemEditor({ root, rows, year, problems, onRoot, onRows }: Props) {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [deriving, setDeriving] = useState<SystemRow[] | null>(null);
  const applyWeights = (weights: Map<string, number>) => {
    let next = rows;
    for (const [key, weight] of weights) next = updateRow(next, key, { weight });
    onRows(next);
  };
  const share = useMemo(() => shares(rows), [rows]);
  const counts = countRows(rows);
  const bad = new Set(problems.map((p) => p.key));
  const set = (key: string, patch: Partial<SystemRow>) => onRows(updateRow(rows, key, patch));
  const indicatorOnly = (r: SystemRow, node: ReactNode) => (r.kind === 'indicator' ? node : null);

  const columns: TableProps<SystemRow>['columns'] = [
    {
      key: 'id', title: t('spec.id'), width: 270,
      render: (_: unknown, r) => (
        <Space size={4}>
          <Tag color={r.kind === 'group' ? 'blue' : 'default'}>{r.kind === 'group' ? t('spec.group') : t('spec.indicator')}</Tag>
          <Input size="small" value={r.id} status={bad.has(r.key) ? 'error' : ''} style={{ width: 160 }}
            onChange={(e) => set(r.key, { id: e.target.value })} data-testid={`system-id-${r.id || r.key}`} />
        </Space>
      ),
    },
    { key: 'zh', title: t('spec.nameZh'), width: 170, render: (_: unknown, r) => <Input size="small" value={r.zh} onChange={(e) => set(r.key, { zh: e.target.value })} /> },
    { key: 'en', title: t('spec.nameEn'), width: 170, render: (_: unknown, r) => <Input size="small" value={r.en} onChange={(e) => set(r.key, { en: e.target.value })} /> },
    {
      key: 'weight', title: t('spec.weight'), width: 150,
      render: (_: unknown, r) => (
        <Space size={4}>
          <InputNumber size="small" min={0} step={0.05} value={r.weight} style={{ width: 80 }} onChange={(v) => set(r.key, { weight: v })} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${((share.get(r.key) ?? 0) * 100).toFixed(1)}%`}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'aggregation', title: t('method.nodeAggregation'), width: 190,
      render: (_: unknown, r) => (r.kind === 'group' ? (
        <Select<Aggregation | ''> size="small" value={r.aggregation ?? ''} style={{ width: 180 }} data-testid={`system-aggregation-${r.id || r.key}`}
          onChange={(v) => set(r.key, { aggregation: v === '' ? null : v })}
          options={[{ value: '', label: t('method.nodeAggregation.inherit') }, ...AGGREGATIONS.map((a) => ({ value: a, label: t(`method.aggregation.${a}`) }))]} />
      ) : null),
    },
    { key: 'unit', title: t('top100.column.unit'), width: 90, render: (_: unknown, r) => indicatorOnly(r, <Input size="small" value={r.unit} maxLength={40} onChange={(e) => set(r.key, { unit: e.target.value })} />) },
    {
      key: 'direction', title: t('top100.column.direction'), width: 170,
      render: (_: unknown, r) => indicatorOnly(r, (
        <Select<1 | -1> size="small" value={r.direction} style={{ width: 160 }} onChange={(direction) => set(r.key, { direction })}
          options={[{ value: 1, label: t('spec.directionUp') }, { value: -1, label: t('spec.directionDown') }]} />
      )),
    },
    { key: 'source', title: t('top100.column.source'), width: 130, render: (_: unknown, r) => indicatorOnly(r, <Input size="small" value={r.source} maxLength={200} onChange={(e) => set(r.key, { source: e.target.value })} />) },
    {
      key: 'year', title: t('top100.column.year'), width: 90,
      render: (_: unknown, r) => indicatorOnly(r, <InputNumber size="small" min={1900} max={2200} value={r.year} style={{ width: 80 }} onChange={(v) => set(r.key, { year: v })} />),
    },
    {
      key: 'actions', title: '', width: 230, fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0} wrap>
          {r.kind === 'group' && (
            <>
              <Button type="link" size="small" onClick={() => onRows(addRow(rows, r.key, newIndicator(year)))}>{t('spec.addIndicator')}</Button>
              <Button type="link" size="small" onClick={() => onRows(addRow(rows, r.key, newGroup(year)))}>{t('spec.addSubgroup')}</Button>
              {(r.children?.length ?? 0) > 1 && (
                <Button type="link" size="small" onClick={() => setDeriving(r.children ?? [])} data-testid={`system-derive-${r.id || r.key}`}>{t('weights.derive')}</Button>
              )}
            </>
          )}
          <Button type="link" size="small" danger onClick={() => onRows(removeRow(rows, r.key))}>{t('ui.remove')}</Button>
        </Space>
      ),
    },
  ];

  const expanded = groupKeys(rows).filter((k) => !collapsed.has(k));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>{t('spec.index')}</Typography.Text>
        <Input addonBefore={t('spec.id')} value={root.id} style={{ width: 200 }} onChange={(e) => onRoot({ ...root, id: e.target.value })} />
        <Input addonBefore={t('spec.nameZh')} value={root.zh} style={{ width: 280 }} onChange={(e) => onRoot({ ...root, zh: e.target.value })} />
        <Input addonBefore={t('spec.nameEn')} value={root.en} style={{ width: 320 }} onChange={(e) => onRoot({ ...root, en: e.target.value })} />
      </Space>
      <Space wrap>
        <Button onClick={() => onRows(addRow(rows, null, newGroup(year)))} data-testid="system-add-pillar">{t('spec.addPillar')}</Button>
        {rows.length > 1 && <Button onClick={() => setDeriving(rows)} data-testid="system-derive-pillars">{t('weights.derivePillars')}</Button>}
        <Typography.Text type="secondary" data-testid="system-counts">{t('spec.counts', counts)}</Typography.Text>
      </Space>
      {problems.length > 0 && (
        <Alert type="error" showIcon data-testid="system-problems" message={t('spec.problemsTitle', { count: problems.length })}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.slice(0, 10).map((p, i) => <li key={i}>{t(`spec.problem.${p.code}`, p.params)}</li>)}</ul>} />
      )}
      {deriving && <WeightsModal siblings={deriving} onApply={applyWeights} onClose={() => setDeriving(null)} />}
      <Table<SystemRow>
        data-testid="system-table"
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowKeys: expanded,
          onExpand: (open, r) => setCollapsed((c) => {
            const next = new Set(c);
            if (open) next.delete(r.key);
            else next.add(r.key);
            return next;
          }),
        }}
        onRow={(r) => ({ 'data-testid': `system-row-${r.id || r.key}` }) as HTMLAttributes<HTMLElement>}
      />
    </Space>
  );
}
