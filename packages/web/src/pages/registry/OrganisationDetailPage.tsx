import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Contact } from '@keping/core';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import { can, useSession } from '../../session';
import type { Organisation } from '../../types';
import { DesignationsCard } from '../designations/DesignationsCard';
import { DerivedOrOverridden } from './DerivedOrOverridden';
import { OrganisationHistory } from './OrganisationHistory';
import { SelfDeclaredNotice, SelfDeclaredTag, useSelfDeclared } from './SelfDeclared';

/** Every field of one organisation, derived vs overridden groups, contacts and its history. */
export function OrganisationDetailPage() {
  const { uscc = '' } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const { user } = useSession();
  const [org, setOrg] = useState<Organisation | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A designation written here adds to the organisation's history: reload it.
  const [historyVersion, setHistoryVersion] = useState(0);
  const { marks, setMarks, marked } = useSelfDeclared(uscc);

  useEffect(() => {
    let current = true;
    setOrg(null);
    setError(null);
    api
      .getOrganisation(uscc)
      .then((o) => current && setOrg(o))
      .catch((e: unknown) => current && setError(describeError(e, t)));
    return () => {
      current = false;
    };
  }, [uscc, t]);

  const own = user?.role === 'applicant' && user.organisationUscc === uscc;
  const canEdit = can(user, 'editOrganisations') || own;
  const canSeeHistory = can(user, 'history') && (user?.role !== 'applicant' || own);

  if (error) return <Alert type="error" showIcon message={error} data-testid="org-error" />;
  if (!org) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span data-testid="org-name">{org.name}</span>
            {org.isDemo && <Tag color="gold">{t('org.demo')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {can(user, 'organisations') && <Link to="/organisations">{t('org.backToList')}</Link>}
            {canEdit && (
              <Link to={`/organisations/${org.uscc}/edit`}>
                <Button type="primary" data-testid="org-edit">{t('org.edit')}</Button>
              </Link>
            )}
          </Space>
        }
      >
        <SelfDeclaredNotice uscc={org.uscc} marks={marks} canConfirm={can(user, 'editOrganisations')} onConfirmed={(m) => {
          setMarks(m);
          setHistoryVersion((v) => v + 1);
        }} />
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} data-testid="org-details">
          <Descriptions.Item label={t('fields.uscc')}>
            <Typography.Text code data-testid="org-uscc">{org.uscc}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.name')}>{org.name}</Descriptions.Item>
          <Descriptions.Item label={t('fields.kind')}>{labels.kind(org.kind)}<SelfDeclaredTag mark={marked('kind')} /></Descriptions.Item>
          <Descriptions.Item label={t('fields.district')}>{labels.district(org.district)}<SelfDeclaredTag mark={marked('district')} /></Descriptions.Item>
          <Descriptions.Item label={t('fields.industryCode')}>{labels.industry(org.industryCode)}<SelfDeclaredTag mark={marked('industryCode')} /></Descriptions.Item>
          <Descriptions.Item label={t('fields.established')}>{org.established ?? ''}<SelfDeclaredTag mark={marked('established')} /></Descriptions.Item>
          <Descriptions.Item label={t('fields.listing')}>{labels.listing(org.listing)}<SelfDeclaredTag mark={marked('listing')} /></Descriptions.Item>
          <Descriptions.Item label={t('org.updatedAt')}>{labels.dateTime(org.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.groupsOverride')} span={2}>
            <DerivedOrOverridden kind="groups" derived={org.derivedGroups} override={org.groupsOverride} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.talentFieldsOverride')} span={2}>
            <DerivedOrOverridden kind="talent" derived={org.derivedTalentFields} override={org.talentFieldsOverride} />
            <SelfDeclaredTag mark={marked('talentFieldsOverride')} />
          </Descriptions.Item>
          <Descriptions.Item label={t('org.createdAt')}>{labels.dateTime(org.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('fields.contacts')} size="small">
        <Table<Contact>
          data-testid="org-contacts"
          size="small"
          pagination={false}
          rowKey={(c) => `${c.name}|${c.phone ?? ''}|${c.email ?? ''}`}
          dataSource={org.contacts}
          locale={{ emptyText: t('org.noContacts') }}
          columns={[
            { title: t('contact.name'), dataIndex: 'name' },
            { title: t('contact.role'), dataIndex: 'role' },
            { title: t('contact.phone'), dataIndex: 'phone' },
            { title: t('contact.email'), dataIndex: 'email' },
          ]}
        />
      </Card>
      {(can(user, 'organisations') || own) && (
        <DesignationsCard uscc={org.uscc} canWrite={can(user, 'editOrganisations')} onChanged={() => setHistoryVersion((v) => v + 1)} />
      )}
      {canSeeHistory && <OrganisationHistory key={historyVersion} uscc={org.uscc} />}
    </Space>
  );
}
