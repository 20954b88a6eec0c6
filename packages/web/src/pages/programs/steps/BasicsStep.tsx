import { ORGANISATION_KINDS, PROGRAM_STATUSES, PROGRAM_TYPES, presetOf, type ProgramType, RULE_SETS } from '@keping/core';
import { Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../labels';
import { BilingualItem } from './BilingualItem';

/** Type, owner office, cycle year, title, status, and whether the list is announced (公示) before it is final. */
export function BasicsStep() {
  const { t } = useTranslation();
  const required = (field: string) => ({ required: true, message: t('programForm.required', { field }) });
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item noStyle shouldUpdate={(a: { type?: ProgramType }, b: { type?: ProgramType }) => a.type !== b.type}>
            {({ getFieldValue }) => {
              const type = getFieldValue('type') as ProgramType | undefined;
              return (
                <Form.Item name="type" label={t('fields.type')} rules={[required(t('fields.type'))]}
                  extra={type ? <span data-testid="program-entries-from">{t(`programForm.entriesFrom.${presetOf(type).entries}`)}</span> : null}>
                  <Select data-testid="program-type" options={PROGRAM_TYPES.map((v) => ({ value: v, label: t(`programs.type.${v}`) }))} />
                </Form.Item>
              );
            }}
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="cycleYear" label={t('fields.cycleYear')} rules={[required(t('fields.cycleYear'))]}>
            <InputNumber data-testid="program-year" min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="status" label={t('fields.status')} extra={t('programForm.statusHint')}>
            <Select data-testid="program-status" options={PROGRAM_STATUSES.map((v) => ({ value: v, label: t(`programs.status.${v}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="ownerOffice" label={t('fields.ownerOffice')} rules={[required(t('fields.ownerOffice')), { max: 200 }]}>
        <Input data-testid="program-office" />
      </Form.Item>
      <BilingualItem name={['title']} label={t('fields.title')} testId="program-title" />
      <Form.Item name="announcement" label={t('programForm.announcement')} extra={t('programForm.announcementHint')} valuePropName="checked">
        <Switch data-testid="program-announcement" />
      </Form.Item>
    </>
  );
}

/** The call window in Shanghai time, who may apply and the eligibility rule set. */
export function CallStep() {
  const { t } = useTranslation();
  const labels = useLabels();
  const required = (field: string) => ({ required: true, message: t('programForm.required', { field }) });
  return (
    <>
      <Typography.Paragraph type="secondary">{t('programForm.windowHint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['call', 'opensAt']} label={t('programForm.opensAt')} rules={[required(t('programForm.opensAt'))]}>
            <Input type="datetime-local" data-testid="program-opens" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['call', 'closesAt']} label={t('programForm.closesAt')} rules={[required(t('programForm.closesAt'))]}>
            <Input type="datetime-local" data-testid="program-closes" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['call', 'allowedKinds']} label={t('programForm.allowedKinds')} extra={t('programForm.allowedKindsHint')}>
        <Select mode="multiple" allowClear data-testid="program-kinds" options={ORGANISATION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))} />
      </Form.Item>
      <Form.Item name={['call', 'ruleSetId']} label={t('programForm.ruleSet')} extra={t('programForm.ruleSetHint')}>
        <Select
          data-testid="program-rule-set"
          options={[
            { value: '', label: t('programForm.noRuleSet') },
            ...Object.values(RULE_SETS).map((r) => ({ value: r.id, label: `${r.label ? t(r.label) : r.id} (${r.id} v${r.version})` })),
          ]}
        />
      </Form.Item>
    </>
  );
}
