import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import type { Program } from '../../programTypes';
import { can, useSession } from '../../session';
import { useBilingual } from './model';
import { ProgramStatusTag } from './ProgramTags';

/** 项目: every program of the office, newest cycle first; create one or copy one to its next cycle. */
export function ProgramsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const navigate = useNavigate();
  const local = useBilingual();
  const [programs, setPrograms] = useState<Program[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const editable = can(user, 'editPrograms');

  useEffect(() => {
    let live = true;
    api.listPrograms()
      .then((r) => live && setPrograms(r.items))
      .catch((e: unknown) => live && setError(describeError(e, t)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [t]);

  const copy = (p: Program) =>
    api.copyProgram(p.id)
      .then((c) => {
        message.success(t('programs.copied', { year: c.cycleYear }));
        navigate(`/programs/${c.id}/edit`);
      })
      .catch((e: unknown) => message.error(describeError(e, t)));

  return (
    <Card
      title={<span data-testid="page-title">{t('programs.title')}</span>}
      extra={editable && (
        <Button type="primary" onClick={() => navigate('/programs/new')} data-testid="program-new">{t('programs.new')}</Button>
      )}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<Program>
        data-testid="programs-table"
        rowKey="id"
        loading={loading}
        dataSource={programs}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('programs.empty') }}
        onRow={(p) => ({ 'data-testid': `program-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('fields.title'), key: 'title',
            render: (_: unknown, p) => <Link to={`/programs/${p.id}`} data-testid={`program-link-${p.id}`}>{local(p.title)}</Link>,
          },
          { title: t('fields.type'), dataIndex: 'type', render: (v: Program['type']) => t(`programs.type.${v}`) },
          { title: t('fields.cycleYear'), dataIndex: 'cycleYear', width: 100 },
          { title: t('fields.ownerOffice'), dataIndex: 'ownerOffice' },
          {
            title: t('programs.window'), key: 'window',
            render: (_: unknown, p) => (
              <Space wrap>
                <span style={{ whiteSpace: 'nowrap' }}>{p.call.opensAtShanghai} – {p.call.closesAtShanghai}</span>
                {p.call.isOpen && <Tag color="green">{t('programs.open')}</Tag>}
              </Space>
            ),
          },
          { title: t('fields.status'), dataIndex: 'status', render: (s: Program['status']) => <ProgramStatusTag status={s} /> },
          { title: t('fields.rounds'), key: 'rounds', render: (_: unknown, p) => p.rounds.length },
          ...(editable ? [{
            title: t('programs.actions'), key: 'actions',
            render: (_: unknown, p: Program) => (
              <Popconfirm title={t('programs.copyConfirm', { year: p.cycleYear + 1 })} onConfirm={() => copy(p)}>
                <Button size="small" data-testid={`program-copy-${p.id}`}>{t('programs.copy')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
      />
    </Card>
  );
}
