import type { AwardKind, NominationInput } from '@keping/core';
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import type { Application } from '../../programTypes';
import { publicationApi } from '../../publicationApi';
import type { AwardType, Nominee } from '../../publicationTypes';
import { useBilingual } from '../programs/model';
import { formErrorsOf } from './formErrors';

type NomineeKind = Nominee['kind'];

interface Values {
  nomineeKind: NomineeKind;
  applicationId?: number;
  uscc?: string;
  personName?: string;
  personOrganisation?: string;
  note?: string;
}

/** Who each kind of award goes to (as the server checks it): a medal to a person, a unit award to an organisation. */
export function nomineeKinds(kind: AwardKind): NomineeKind[] {
  if (kind === 'individual_medal') return ['person'];
  if (kind === 'unit_award' || kind === 'organising_award') return ['application', 'organisation'];
  return ['application', 'organisation', 'person'];
}

export function inputOf(v: Values): NominationInput {
  const note = v.note?.trim() ?? '';
  if (v.nomineeKind === 'application') return { applicationId: v.applicationId, note };
  if (v.nomineeKind === 'organisation') return { uscc: v.uscc?.trim().toUpperCase(), note };
  return { person: { name: v.personName?.trim() ?? '', organisation: v.personOrganisation?.trim() ?? '' }, note };
}

interface Props {
  type: AwardType | null;
  applications: Application[];
  onClose: () => void;
  onNominated: () => void;
}

/** Nominates an application (its organisation), an organisation by USCC or a person for one award. */
export function NominateModal({ type, applications, onClose, onNominated }: Props) {
  const { t } = useTranslation();
  const local = useBilingual();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kinds = type ? nomineeKinds(type.kind) : [];
  const chosen = Form.useWatch('nomineeKind', form);

  useEffect(() => {
    if (!type) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ nomineeKind: nomineeKinds(type.kind)[0] });
  }, [type, form]);

  const submit = async () => {
    if (!type) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await publicationApi.nominate(type.id, inputOf(v));
      onNominated();
    } catch (e) {
      form.setFields(formErrorsOf<keyof Values>(e, ['applicationId', 'uscc', 'personName', 'note'], {
        person: 'personName', 'person.name': 'personName', 'person.organisation': 'personOrganisation',
      }));
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const submitted = applications.filter((a) => a.status === 'submitted');
  return (
    <Modal
      open={type !== null}
      title={t('awards.nominateTitle', { award: local(type?.name) })}
      okText={t('awards.nominate')}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'nomination-save' }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item name="nomineeKind" label={t('awards.nominee')}>
          <Radio.Group data-testid="nominee-kind"
            options={kinds.map((k) => ({ value: k, label: <span data-testid={`nominee-kind-${k}`}>{t(`awards.nomineeKind.${k}`)}</span> }))} />
        </Form.Item>
        {chosen === 'application' && (
          <Form.Item name="applicationId" label={t('awards.application')} rules={[{ required: true, message: t('awards.applicationRequired') }]}>
            <Select data-testid="nominee-application" showSearch optionFilterProp="search" placeholder={t('awards.applicationPlaceholder')}
              options={submitted.map((a) => ({
                value: a.id, search: `${a.organisationName ?? a.uscc} ${a.title}`,
                label: <span data-testid={`nominee-application-${a.id}`}>{a.organisationName ?? a.uscc} · {a.title}</span>,
              }))} />
          </Form.Item>
        )}
        {chosen === 'organisation' && (
          <Form.Item name="uscc" label={t('fields.uscc')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={18} data-testid="nominee-uscc" />
          </Form.Item>
        )}
        {chosen === 'person' && (
          <>
            <Form.Item name="personName" label={t('awards.personName')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="nominee-person-name" />
            </Form.Item>
            <Form.Item name="personOrganisation" label={t('awards.personOrganisation')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} data-testid="nominee-person-organisation" />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('fields.note')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="nomination-note" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="nomination-error" />}
      </Form>
    </Modal>
  );
}
