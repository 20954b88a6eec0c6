import type { HTMLAttributes } from 'react';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels, type Labels } from '../labels';
import type { JsonObject } from '../types';

const IGNORED = new Set(['updatedAt', 'createdAt']);

/** One value as people read it: district names, translated groups, contacts as "name (role)". */
export function formatValue(key: string, value: unknown, labels: Labels): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) {
    return value.map((v) => formatValue(key, v, labels)).filter(Boolean).join(key === 'contacts' ? '; ' : ', ');
  }
  if (typeof value === 'object') {
    const o = value as JsonObject;
    if (key === 'contacts' && typeof o.name === 'string') {
      return [o.name, o.role, o.phone, o.email].filter((x) => typeof x === 'string' && x).join(' / ');
    }
    return JSON.stringify(value);
  }
  const s = String(value);
  if (key === 'district') return labels.district(s);
  if (key === 'kind') return labels.kind(s);
  if (key === 'listing') return labels.listing(s);
  if (key === 'role') return labels.role(s);
  if (/groups/i.test(key)) return labels.group(s);
  if (/talentFields/i.test(key)) return labels.talent(s);
  return s;
}

/** The fields that differ between two versions, or every field of a created/removed record. */
export function changedFields(before: JsonObject | null, after: JsonObject | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter(
    (k) => !IGNORED.has(k) && JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null),
  );
}

interface Row {
  key: string;
  before: string;
  after: string;
}

/** Before/after table of what an audit entry changed. */
export function ChangeDiff({ before, after }: { before: JsonObject | null; after: JsonObject | null }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const rows: Row[] = changedFields(before, after).map((key) => ({
    key,
    before: formatValue(key, before?.[key], labels),
    after: formatValue(key, after?.[key], labels),
  }));
  if (rows.length === 0) return <Typography.Text type="secondary">{t('history.noChanges')}</Typography.Text>;
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      onRow={(r) => ({ 'data-testid': `diff-${r.key}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('history.field'), dataIndex: 'key', width: '24%', render: (k: string) => labels.field(k) },
        {
          title: t('history.before'),
          dataIndex: 'before',
          render: (v: string) => (v ? <Typography.Text delete type="secondary">{v}</Typography.Text> : '—'),
        },
        {
          title: t('history.after'),
          dataIndex: 'after',
          render: (v: string) => (v ? <Typography.Text type="success">{v}</Typography.Text> : '—'),
        },
      ]}
    />
  );
}
