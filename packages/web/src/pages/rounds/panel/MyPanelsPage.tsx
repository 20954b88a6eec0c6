import { Alert, Card, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../../../components/describeError';
import { scoringApi } from '../../../scoringApi';
import type { MyPanel } from '../../../scoringTypes';
import { useBilingual } from '../../programs/model';

/** 我的答辩评审: the panels the logged-in expert sits on, as a member or as the chair. */
export function MyPanelsPage() {
  const { t } = useTranslation();
  const local = useBilingual();
  const [items, setItems] = useState<MyPanel[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    scoringApi.myPanels()
      .then((r) => live && setItems(r.items))
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [t]);

  return (
    <Card title={<span data-testid="page-title">{t('panelRound.myTitle')}</span>}>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<MyPanel>
        data-testid="my-panels"
        rowKey="id"
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('panelRound.myEmpty') }}
        onRow={(p) => ({ 'data-testid': `my-panel-${p.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('expertPortal.round'), key: 'round', render: (_: unknown, p) => local(p.roundName) },
          {
            title: t('fields.category'), dataIndex: 'category',
            render: (c: string, p) => <Link to={`/my-panels/${p.id}`} data-testid={`my-panel-open-${p.id}`}>{c}</Link>,
          },
          { title: t('panelRound.role'), key: 'role', render: (_: unknown, p) => (p.isChair ? <Tag color="purple">{t('panelRound.chair')}</Tag> : t('panelRound.member')) },
          {
            title: t('fields.status'), dataIndex: 'status',
            render: (s: MyPanel['status']) => <Tag color={s === 'signed_off' ? 'green' : 'processing'}>{t(`panelRound.status.${s}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
