import { INDUSTRY_GROUPS, type IndustryMappingRule, TALENT_FIELDS } from '@keping/core';
import { Alert, App, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import { useSession } from '../../session';

type Row = IndustryMappingRule & { key: number };

/**
 * The office's mapping from GB/T 4754 classes to the 3+6 groups and talent fields. Saving
 * re-derives every organisation's memberships (overrides on an organisation still win).
 */
export function IndustryMappingPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { user } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>([]);
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editable = user?.role === 'admin';

  useEffect(() => {
    api.getIndustryMapping()
      .then((r) => setRows(r.rules.map((rule, key) => ({ ...rule, key }))))
      .catch((e: unknown) => setError(describeError(e, t)))
      .finally(() => setLoading(false));
  }, [t]);

  const update = (key: number, patch: Partial<IndustryMappingRule>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const save = async () => {
    setSaving(true);
    try {
      const saved = await api.saveIndustryMapping(rows.map(({ key: _key, ...rule }) => rule));
      setRows(saved.rules.map((rule, key) => ({ ...rule, key })));
      setError(null);
      message.success(t('mapping.saved'));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={<span data-testid="page-title">{t('mapping.title')}</span>}
      extra={editable && (
        <Space>
          <Button onClick={() => setRows((list) => [...list, { key: Date.now(), prefix: '', groups: [], talentFields: [] }])}>
            {t('mapping.add')}
          </Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="mapping-save">{t('mapping.save')}</Button>
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">{t('mapping.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="key"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        columns={[
          {
            title: t('mapping.prefix'), dataIndex: 'prefix', width: 110,
            render: (v: string, r) => (editable
              ? <Input value={v} maxLength={4} onChange={(e) => update(r.key, { prefix: e.target.value.trim() })} />
              : v),
          },
          {
            title: t('fields.groupsOverride'), dataIndex: 'groups',
            render: (v: IndustryMappingRule['groups'], r) => (
              <Select mode="multiple" style={{ width: '100%' }} disabled={!editable} value={v}
                options={INDUSTRY_GROUPS.map((g) => ({ value: g, label: labels.group(g) }))}
                onChange={(groups) => update(r.key, { groups })} />
            ),
          },
          {
            title: t('fields.talentFieldsOverride'), dataIndex: 'talentFields',
            render: (v: IndustryMappingRule['talentFields'], r) => (
              <Select mode="multiple" style={{ width: '100%' }} disabled={!editable} value={v}
                options={TALENT_FIELDS.map((f) => ({ value: f, label: labels.talent(f) }))}
                onChange={(talentFields) => update(r.key, { talentFields })} />
            ),
          },
          {
            title: t('mapping.note'), dataIndex: 'note', width: 220,
            render: (v: string | undefined, r) => (editable
              ? <Input value={v ?? ''} onChange={(e) => update(r.key, { note: e.target.value || undefined })} />
              : v),
          },
          ...(editable ? [{
            title: '', key: 'remove', width: 80,
            render: (_: unknown, r: Row) => (
              <Button type="link" danger onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}>
                {t('mapping.remove')}
              </Button>
            ),
          }] : []),
        ]}
      />
    </Card>
  );
}
