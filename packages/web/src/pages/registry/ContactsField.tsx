import { Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisationRule } from './useOrganisationRules';

/** The editable list of contacts (name required; phone and e-mail checked). */
export function ContactsField() {
  const { t } = useTranslation();
  const rule = useOrganisationRule();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map(({ key, name }) => (
            <Space key={key} align="start" wrap data-testid={`contact-${name}`}>
              <Form.Item name={[name, 'name']} rules={[rule(`contacts.${name}.name`)]} style={{ marginBottom: 8 }}>
                <Input placeholder={t('contact.name')} data-testid={`contact-${name}-name`} />
              </Form.Item>
              <Form.Item name={[name, 'role']} style={{ marginBottom: 8 }}>
                <Input placeholder={t('contact.role')} />
              </Form.Item>
              <Form.Item name={[name, 'phone']} rules={[rule(`contacts.${name}.phone`)]} style={{ marginBottom: 8 }}>
                <Input placeholder={t('contact.phone')} data-testid={`contact-${name}-phone`} />
              </Form.Item>
              <Form.Item name={[name, 'email']} rules={[rule(`contacts.${name}.email`)]} style={{ marginBottom: 8 }}>
                <Input placeholder={t('contact.email')} data-testid={`contact-${name}-email`} />
              </Form.Item>
              <Button onClick={() => remove(name)}>{t('ui.remove')}</Button>
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({ name: '', role: '', phone: '', email: '' })} data-testid="contact-add">
            {t('org.addContact')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
