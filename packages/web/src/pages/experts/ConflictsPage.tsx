import { CONFLICT_REASONS } from '@keping/core';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import type { ConflictResponse, ExpertConflictView } from '../../expertTypes';

interface Option {
  value: string;
  label: string;
}

/** Organisations picked from the registry by name or code, searched as one types. */
function OrganisationPicker({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [known, setKnown] = useState<Map<string, Option>>(new Map());

  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      api.listOrganisations({ q: search || undefined, pageSize: 20 })
        .then((page) => live && setOptions(page.items.map((o) => ({ value: o.uscc, label: `${o.name}（${o.uscc}）` }))))
        .catch(() => live && setOptions([]));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [search]);

  const merged = [...known.values(), ...options.filter((o) => !known.has(o.value))];
  return (
    <Select<string[]>
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setSearch}
      value={value}
      onChange={(v) => {
        setKnown(new Map(merged.filter((o) => v.includes(o.value)).map((o) => [o.value, o])));
        onChange(v);
      }}
      options={merged}
      placeholder={t('conflicts.pickPlaceholder')}
      data-testid="conflicts-organisations"
      style={{ width: '100%' }}
    />
  );
}

/** 回避检查: which pool experts are in conflict with the organisations about to be reviewed, and why. */
export function ConflictsPage() {
  const { t } = useTranslation();
  const [usccs, setUsccs] = useState<string[]>([]);
  const [asOf, setAsOf] = useState('');
  const [years, setYears] = useState<number | null>(null);
  const [result, setResult] = useState<ConflictResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = () => {
    setBusy(true);
    setError(null);
    api.expertConflicts({
      subjects: usccs.map((uscc) => ({ uscc })),
      ...(asOf ? { asOf } : {}),
      ...(years !== null ? { formerEmployerYears: years } : {}),
    })
      .then(setResult)
      .catch((e: unknown) => setError(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<span data-testid="page-title">{t('conflicts.title')}</span>} extra={<Link to="/experts">{t('experts.backToList')}</Link>}>
        <Typography.Paragraph type="secondary">{t('conflicts.intro')}</Typography.Paragraph>
        <Form layout="vertical" style={{ maxWidth: 900 }}>
          <Form.Item label={t('fields.subjects')}>
            <OrganisationPicker value={usccs} onChange={setUsccs} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label={t('fields.asOf')} extra={t('conflicts.asOfHint')}>
                <Input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('fields.formerEmployerYears')} extra={t('conflicts.yearsHint')}>
                <InputNumber min={0} max={50} precision={0} value={years} onChange={(v) => setYears(v)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" disabled={usccs.length === 0} loading={busy} onClick={check} data-testid="conflicts-check">{t('conflicts.check')}</Button>
        </Form>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} data-testid="conflicts-error" />}
      </Card>
      {result && (
        <Card size="small" title={t('conflicts.resultTitle', { n: result.conflicts.length })}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text data-testid="conflicts-summary">
              {t('conflicts.summary', { experts: result.expertsChecked, subjects: result.subjects.length, asOf: result.asOf, since: result.formerEmployerSince })}
            </Typography.Text>
            <Space wrap>
              {CONFLICT_REASONS.filter((r) => result.counts[r] > 0).map((r) => <Tag key={r}>{t(`conflicts.reason.${r}`)}: {result.counts[r]}</Tag>)}
            </Space>
            <Table<ExpertConflictView>
              data-testid="conflicts-table"
              rowKey={(c) => `${c.expertId}|${c.uscc}`}
              size="small"
              dataSource={result.conflicts}
              locale={{ emptyText: t('conflicts.none') }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              onRow={(c) => ({ 'data-testid': `conflict-${c.expertId}-${c.uscc}` }) as HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('experts.name'), key: 'expert', render: (_: unknown, c) => <Link to={`/experts/${c.expertId}`}>{c.expertName}</Link> },
                { title: t('experts.organisation'), key: 'org', render: (_: unknown, c) => `${c.organisationName}（${c.uscc}）` },
                {
                  title: t('conflicts.reasons'), key: 'causes',
                  render: (_: unknown, c) => (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {c.causes.map((cause, i) => <li key={i}><Tag>{t(`conflicts.reason.${cause.reason}`)}</Tag>{cause.message}</li>)}
                    </ul>
                  ),
                },
              ]}
            />
          </Space>
        </Card>
      )}
    </Space>
  );
}
