import { Alert, App, Button, Card, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import { useSession } from '../../session';
import type { User } from '../../types';
import { CreateUserModal } from './CreateUserModal';
import { GrantRoleModal } from './GrantRoleModal';
import { SsoSettingsCard } from './SsoSettingsCard';

/** Accounts (admin only): list, create, disable and re-enable, reset a password, grant a role; the single-sign-on setting. */
export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { user: me } = useSession();
  const { message } = App.useApp();
  const [users, setUsers] = useState<User[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<User | null>(null);
  // The temporary password of a reset: shown once, in a dialog, then forgotten.
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    api
      .listUsers()
      .then((r) => {
        setUsers(r.items);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e, t)))
      .finally(() => setLoading(false));
  }, [t]);

  useEffect(load, [load]);

  const toggle = async (u: User) => {
    try {
      const updated = u.disabled ? await api.enableUser(u.id) : await api.disableUser(u.id);
      setUsers((list) => list.map((x) => (x.id === updated.id ? updated : x)));
      message.success(t(updated.disabled ? 'users.disabledDone' : 'users.enabledDone', { username: updated.username }));
    } catch (e) {
      message.error(describeError(e, t));
    }
  };

  const reset = async (u: User) => {
    try {
      const { user: updated, temporaryPassword } = await api.resetUserPassword(u.id);
      setUsers((list) => list.map((x) => (x.id === updated.id ? updated : x)));
      setIssued({ username: updated.username, password: temporaryPassword });
    } catch (e) {
      message.error(describeError(e, t));
    }
  };

  const pending = users.filter((u) => u.role === 'none').length;
  return (
    <>
    <Card
      title={<span data-testid="page-title">{t('users.title')}</span>}
      extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="user-new">{t('users.new')}</Button>}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {pending > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="users-pending"
          message={`${t('sso.pendingUsers')}: ${pending}`} />
      )}
      <Table<User>
        scroll={{ x: 'max-content' }}
        data-testid="users-table"
        rowKey="id"
        loading={loading}
        dataSource={users}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('fields.username'), dataIndex: 'username', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('fields.displayName'), dataIndex: 'displayName' },
          {
            title: t('fields.role'), dataIndex: 'role',
            render: (r: string) => <Tag color={r === 'none' ? 'orange' : undefined}>{labels.role(r)}</Tag>,
          },
          { title: t('users.email'), dataIndex: 'email' },
          { title: t('fields.organisationUscc'), dataIndex: 'organisationUscc' },
          {
            title: t('users.status'),
            dataIndex: 'disabled',
            render: (d: boolean, u) => (
              <Space size={4}>
                {d ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
                {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
              </Space>
            ),
          },
          { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => labels.dateTime(v) },
          {
            title: t('users.actions'),
            key: 'actions',
            render: (_: unknown, u) => (
              <Space>
                {u.id !== me?.id && (
                  <Popconfirm
                    title={t(u.disabled ? 'users.confirmEnable' : 'users.confirmDisable', { username: u.username })}
                    okText={t('ui.yes')}
                    cancelText={t('ui.no')}
                    onConfirm={() => toggle(u)}
                  >
                    <Button size="small" danger={!u.disabled} data-testid={`user-toggle-${u.username}`}>
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </Button>
                  </Popconfirm>
                )}
                {u.id !== me?.id && (
                  <Button size="small" type={u.role === 'none' ? 'primary' : 'default'} onClick={() => setGranting(u)}
                    data-testid={`user-grant-${u.username}`}>
                    {t('sso.grantRole')}
                  </Button>
                )}
                <Popconfirm
                  title={t('users.confirmReset', { username: u.username })}
                  okText={t('ui.yes')}
                  cancelText={t('ui.no')}
                  onConfirm={() => reset(u)}
                >
                  <Button size="small" data-testid={`user-reset-${u.username}`}>{t('users.resetPassword')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={issued !== null}
        title={issued ? t('users.resetDone', { username: issued.username }) : ''}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          <Typography.Text code copyable strong data-testid="temporary-password">{issued?.password}</Typography.Text>
        </Typography.Paragraph>
        <Alert type="warning" showIcon message={t('users.resetOnce')} />
      </Modal>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          setUsers((list) => [...list, u]);
          message.success(t('users.created', { username: u.username }));
        }}
      />
      <GrantRoleModal
        user={granting}
        onClose={() => setGranting(null)}
        onGranted={(updated) => {
          setGranting(null);
          setUsers((list) => list.map((x) => (x.id === updated.id ? updated : x)));
          message.success(t('sso.granted'));
        }}
      />
    </Card>
    <SsoSettingsCard />
    </>
  );
}
