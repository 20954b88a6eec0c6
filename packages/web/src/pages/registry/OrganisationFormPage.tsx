import { Alert, App, Card, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { OrganisationForm } from './OrganisationForm';
import { toFormValues, type OrganisationFormValues } from './formModel';

const EMPTY: OrganisationFormValues = {
  uscc: '', name: '', industryCode: '', established: '', overrideGroups: false, groupsOverride: [],
  overrideTalentFields: false, talentFieldsOverride: [], contacts: [],
};

export function OrganisationCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <Card title={t('org.createTitle')}>
      <OrganisationForm
        mode="create"
        initialValues={EMPTY}
        onCancel={() => navigate('/organisations')}
        onSubmit={async (input) => {
          const created = await api.createOrganisation(input);
          message.success(t('org.created', { name: created.name }));
          navigate(`/organisations/${created.uscc}`);
        }}
      />
    </Card>
  );
}

export function OrganisationEditPage() {
  const { uscc = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [values, setValues] = useState<OrganisationFormValues | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api
      .getOrganisation(uscc)
      .then((o) => current && setValues(toFormValues(o)))
      .catch((e: unknown) => current && setError(describeError(e, t)));
    return () => {
      current = false;
    };
  }, [uscc, t]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!values) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Card title={t('org.editTitle', { name: values.name })}>
      <OrganisationForm
        mode="edit"
        initialValues={values}
        onCancel={() => navigate(`/organisations/${uscc}`)}
        onSubmit={async (input) => {
          const saved = await api.updateOrganisation(uscc, input);
          message.success(t('org.saved', { name: saved.name }));
          navigate(`/organisations/${saved.uscc}`);
        }}
      />
    </Card>
  );
}
