import { Button, Card, Checkbox, Col, Empty, Form, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { BilingualItem, KeyItem } from './BilingualItem';

/** The attachments the call asks for, each with its accepted types and size limit. */
export function AttachmentsStep() {
  const { t } = useTranslation();
  return (
    <Form.List name={['call', 'attachments']}>
      {(items, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {items.length === 0 && <Empty description={t('programForm.noAttachments')} />}
          {items.map((a) => (
            <Card key={a.key} size="small" title={t('programForm.attachmentN', { n: a.name + 1 })}
              extra={<Button size="small" onClick={() => remove(a.name)}>{t('ui.remove')}</Button>}>
              <Row gutter={16}>
                <Col xs={24} md={8}><KeyItem name={[a.name, 'key']} testId={`attachment-${a.name}-key`} /></Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[a.name, 'maxSizeMb']} label={t('programForm.maxSizeMb')}
                    rules={[{ required: true, message: t('programForm.required', { field: t('programForm.maxSizeMb') }) }]}>
                    <InputNumber min={0.001} max={1024} style={{ width: '100%' }} data-testid={`attachment-${a.name}-size`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[a.name, 'required']} valuePropName="checked" label=" ">
                    <Checkbox data-testid={`attachment-${a.name}-required`}>{t('programForm.requiredAttachment')}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <BilingualItem name={[a.name, 'label']} label={t('programForm.attachmentLabel')} testId={`attachment-${a.name}-label`} />
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name={[a.name, 'extensions']} label={t('programForm.extensions')} extra={t('programForm.extensionsHint')}>
                    <Select mode="tags" tokenSeparators={[',', ' ']} data-testid={`attachment-${a.name}-extensions`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[a.name, 'mimeTypes']} label={t('programForm.mimeTypes')} extra={t('programForm.mimeTypesHint')}>
                    <Select mode="tags" tokenSeparators={[',', ' ']} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button type="dashed" block data-testid="attachment-add"
            onClick={() => add({ key: '', label: { zh: '', en: '' }, required: true, extensions: ['pdf'], mimeTypes: [], maxSizeMb: 20 })}>
            {t('programForm.addAttachment')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
