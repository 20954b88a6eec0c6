import { parseIndustryCode, industryName } from '@keping/core';
import { Alert, Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { describeError } from '../../components/describeError';
import type { OrganisationInput } from '../../types';
import { ContactsField } from './ContactsField';
import { setFieldErrors, toInput, type OrganisationFormValues } from './formModel';
import { useTaxonomyOptions } from './options';
import { useFieldErrorMessage, useOrganisationRule, validateForm } from './useOrganisationRules';

interface Props {
  mode: 'create' | 'edit';
  initialValues: OrganisationFormValues;
  onSubmit: (input: OrganisationInput) => Promise<void>;
  onCancel: () => void;
}

/** Create/edit form: every field checked as typed, server errors put back on their fields. */
export function OrganisationForm({ mode, initialValues, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OrganisationFormValues>();
  const rule = useOrganisationRule();
  const message = useFieldErrorMessage();
  const options = useTaxonomyOptions();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const industryCode = Form.useWatch('industryCode', form);
  const overrideGroups = Form.useWatch('overrideGroups', form);
  const overrideTalent = Form.useWatch('overrideTalentFields', form);

  const parsed = industryCode ? parseIndustryCode(industryCode) : undefined;
  const industryHint = parsed && 'value' in parsed ? `${parsed.value} ${industryName(parsed.value) ?? ''}` : t('org.industryHint');

  const onFinish = async () => {
    // all values, including the disabled USCC of the edit form
    const values = form.getFieldsValue(true) as OrganisationFormValues;
    setFormError(null);
    const problems = validateForm(values);
    if (problems.length) {
      setFieldErrors(form, problems.map((p) => ({ field: p.field ?? '', message: message(p) })).filter((p) => p.field));
      return;
    }
    setBusy(true);
    try {
      await onSubmit(toInput(values));
    } catch (e) {
      const fieldErrors = e instanceof ApiError ? (e.errors.length ? e.errors : e.field ? [e] : []) : [];
      const placed = fieldErrors.filter((f) => f.field);
      setFieldErrors(form, placed.map((f) => ({ field: f.field ?? '', message: f.message })));
      if (placed.length === 0 || placed.length < fieldErrors.length) setFormError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const item = (name: keyof OrganisationFormValues, label: string, child: ReactNode, required = false) => (
    <Form.Item name={name} label={label} rules={[rule(name)]} required={required}>
      {child}
    </Form.Item>
  );

  return (
    <Form<OrganisationFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      data-testid="org-form"
      style={{ maxWidth: 860 }}
    >
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      {item('uscc', t('fields.uscc'), (
        <Input data-testid="form-uscc" maxLength={30} disabled={mode === 'edit'} placeholder="91310000XXXXXXXXXX" />
      ), true)}
      {item('name', t('fields.name'), <Input data-testid="form-name" maxLength={220} />, true)}
      <Space size="large" wrap style={{ width: '100%' }}>
        {item('kind', t('fields.kind'), (
          <Select data-testid="form-kind" allowClear options={options.kinds} style={{ width: 200 }} />
        ))}
        {item('district', t('fields.district'), (
          <Select data-testid="form-district" allowClear showSearch optionFilterProp="label" options={options.districts}
            style={{ width: 200 }} />
        ))}
        {item('listing', t('fields.listing'), (
          <Select data-testid="form-listing" allowClear options={options.listings} style={{ width: 200 }} />
        ))}
      </Space>
      <Space size="large" wrap style={{ width: '100%' }} align="start">
        <Form.Item name="industryCode" label={t('fields.industryCode')} rules={[rule('industryCode')]} extra={industryHint}>
          <Input data-testid="form-industryCode" placeholder="C3973" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="established" label={t('fields.established')} rules={[rule('established')]} extra={t('org.dateHint')}>
          <Input data-testid="form-established" placeholder="2019-03-05" style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <Form.Item label={t('fields.groupsOverride')} extra={t('org.overrideHint')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Form.Item name="overrideGroups" valuePropName="checked" noStyle>
            <Checkbox data-testid="form-override-groups">{t('org.overrideGroups')}</Checkbox>
          </Form.Item>
          {overrideGroups && (
            <Form.Item name="groupsOverride" rules={[rule('groupsOverride')]} noStyle>
              <Select mode="multiple" options={options.groups} data-testid="form-groups" />
            </Form.Item>
          )}
        </Space>
      </Form.Item>
      <Form.Item label={t('fields.talentFieldsOverride')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Form.Item name="overrideTalentFields" valuePropName="checked" noStyle>
            <Checkbox data-testid="form-override-talent">{t('org.overrideTalentFields')}</Checkbox>
          </Form.Item>
          {overrideTalent && (
            <Form.Item name="talentFieldsOverride" rules={[rule('talentFieldsOverride')]} noStyle>
              <Select mode="multiple" options={options.talentFields} data-testid="form-talent" />
            </Form.Item>
          )}
        </Space>
      </Form.Item>
      <Form.Item label={t('fields.contacts')}>
        <ContactsField />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="form-submit">
          {mode === 'create' ? t('org.create') : t('org.save')}
        </Button>
        <Button onClick={onCancel}>{t('ui.cancel')}</Button>
      </Space>
    </Form>
  );
}
