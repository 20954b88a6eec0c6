import type { PublicationStatus } from '@keping/core';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import type { Program } from '../../programTypes';
import { publicationApi } from '../../publicationApi';
import { useBilingual } from '../programs/model';
import { periodText } from './model';
import { PublicationStatusTag } from './PublicationTags';

interface Row {
  program: Program;
  status: PublicationStatus | null;
  startDate: string | null;
  endDate: string | null;
  objections: number;
  open: number;
}

/** 公示与证书: every program with the state of its list; opens its awards and its publication. */
export function PublicationsPage() {
  const { t } = useTranslation();
  const local = useBilingual();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.listPrograms()
      .then(({ items }) => Promise.all(items.map(async (program): Promise<Row> => {
        const p = await publicationApi.getPublication(program.id);
        const open = p?.objections.filter((o) => o.status === 'open' || o.status === 'investigating').length ?? 0;
        return { program, status: p?.status ?? null, startDate: p?.startDate ?? null, endDate: p?.endDate ?? null, objections: p?.objections.length ?? 0, open };
      })))
      .then((r) => live && setRows(r))
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [t]);

  return (
    <Card
      title={<span data-testid="page-title">{t('publications.title')}</span>}
      extra={<Link to="/public/publications" target="_blank">{t('publications.publicSite')}</Link>}
    >
      <Typography.Paragraph type="secondary">{t('publications.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<Row>
        data-testid="publications-table"
        rowKey={(r) => r.program.id}
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('programs.empty') }}
        onRow={(r) => ({ 'data-testid': `publications-row-${r.program.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('fields.title'), key: 'title', render: (_: unknown, r) => <Link to={`/programs/${r.program.id}`}>{local(r.program.title)}</Link> },
          { title: t('fields.cycleYear'), key: 'year', width: 100, render: (_: unknown, r) => r.program.cycleYear },
          {
            title: t('fields.status'), key: 'status',
            render: (_: unknown, r) => (r.status ? <PublicationStatusTag status={r.status} /> : <Tag>{t('publications.noList')}</Tag>),
          },
          { title: t('publicationPage.period'), key: 'period', render: (_: unknown, r) => periodText(t, r) },
          {
            title: t('publications.objections'), key: 'objections',
            render: (_: unknown, r) => (r.open > 0 ? <Tag color="orange">{t('publications.openObjections', { n: r.open, total: r.objections })}</Tag> : r.objections),
          },
          {
            title: t('programs.actions'), key: 'actions',
            render: (_: unknown, r) => (
              <Space>
                <Link to={`/programs/${r.program.id}/awards`} data-testid={`publications-awards-${r.program.id}`}>{t('awards.open')}</Link>
                <Link to={`/programs/${r.program.id}/publication`} data-testid={`publications-open-${r.program.id}`}>{t('publicationPage.open')}</Link>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
