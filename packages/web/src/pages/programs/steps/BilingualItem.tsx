import { keySchema } from '@keping/core';
import { Col, Form, Input, Row } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';

type Name = (string | number)[];

/** A name in Chinese and English, both required. */
export function BilingualItem({ name, label, testId }: { name: Name; label: string; testId?: string }) {
  const { t } = useTranslation();
  const rules = (lang: string): Rule[] => [{ required: true, whitespace: true, message: t('programForm.required', { field: `${label} (${lang})` }) }];
  return (
    <Row gutter={8}>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'zh']} label={`${label}（${t('programForm.zh')}）`} rules={rules(t('programForm.zh'))}>
          <Input data-testid={testId ? `${testId}-zh` : undefined} maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'en']} label={`${label}（${t('programForm.en')}）`} rules={rules(t('programForm.en'))}>
          <Input data-testid={testId ? `${testId}-en` : undefined} maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** A key: lower-case letters, digits and _, starting with a letter. */
export function KeyItem({ name, testId }: { name: Name; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={t('programForm.key')}
      tooltip={t('programForm.keyHint')}
      rules={[
        { required: true, message: t('programForm.required', { field: t('programForm.key') }) },
        { validator: async (_, v: unknown) => { if (v && !keySchema.safeParse(v).success) throw new Error(t('programForm.keyFormat')); } },
      ]}
    >
      <Input data-testid={testId} maxLength={40} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} />
    </Form.Item>
  );
}
