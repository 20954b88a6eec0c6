import { FORM_FIELD_TYPES } from '@keping/core';
import { Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { BilingualItem, KeyItem } from './BilingualItem';

/** The choices of one select field. */
function OptionsList({ field }: { field: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[field, 'options']}>
      {(options, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {options.map((o) => (
            <Row gutter={8} key={o.key} align="top">
              <Col xs={24} md={6}>
                <Form.Item name={[o.name, 'value']} rules={[{ required: true, message: t('programForm.required', { field: t('programForm.optionValue') }) }]}>
                  <Input placeholder={t('programForm.optionValue')} data-testid={`field-${field}-option-${o.name}-value`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={[o.name, 'label', 'zh']} rules={[{ required: true, message: t('programForm.required', { field: t('programForm.zh') }) }]}>
                  <Input placeholder={t('programForm.zh')} data-testid={`field-${field}-option-${o.name}-zh`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={[o.name, 'label', 'en']} rules={[{ required: true, message: t('programForm.required', { field: t('programForm.en') }) }]}>
                  <Input placeholder={t('programForm.en')} data-testid={`field-${field}-option-${o.name}-en`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={2}>
                <Button onClick={() => remove(o.name)}>{t('ui.remove')}</Button>
              </Col>
            </Row>
          ))}
          <Button size="small" onClick={() => add({ value: '', label: { zh: '', en: '' } })} data-testid={`field-${field}-add-option`}>
            {t('programForm.addOption')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/** The form the applicant fills in: one card per field. */
export function FieldsStep() {
  const { t } = useTranslation();
  return (
    <Form.List name={['call', 'fields']}>
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.length === 0 && <Empty description={t('programForm.noFields')} />}
          {fields.map((f) => (
            <Card key={f.key} size="small" title={t('programForm.fieldN', { n: f.name + 1 })}
              extra={<Button size="small" onClick={() => remove(f.name)} data-testid={`field-${f.name}-remove`}>{t('ui.remove')}</Button>}>
              <Row gutter={16}>
                <Col xs={24} md={8}><KeyItem name={[f.name, 'key']} testId={`field-${f.name}-key`} /></Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[f.name, 'type']} label={t('programForm.fieldType')} rules={[{ required: true }]}>
                    <Select data-testid={`field-${f.name}-type`} options={FORM_FIELD_TYPES.map((v) => ({ value: v, label: t(`programs.fieldType.${v}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[f.name, 'maxLength']} label={t('programForm.maxLength')}>
                    <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked" label=" ">
                    <Checkbox data-testid={`field-${f.name}-required`}>{t('programForm.requiredField')}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <BilingualItem name={[f.name, 'label']} label={t('programForm.fieldLabel')} testId={`field-${f.name}-label`} />
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => getFieldValue(['call', 'fields', f.name, 'type']) === 'select' && (
                  <Form.Item label={t('programForm.options')}>
                    <OptionsList field={f.name} />
                  </Form.Item>
                )}
              </Form.Item>
            </Card>
          ))}
          <Button type="dashed" block onClick={() => add({ key: '', type: 'text', required: false, label: { zh: '', en: '' } })} data-testid="field-add">
            {t('programForm.addField')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
