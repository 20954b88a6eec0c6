import type { FormField, ProgramCategory } from '@keping/core';
import { Form, Input, InputNumber, Select } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../model';

/** The input of one field: returned as an element, so that Form.Item hands it value and onChange. */
function inputOf(field: FormField, local: ReturnType<typeof useBilingual>): ReactElement {
  const testId = `value-${field.key}`;
  switch (field.type) {
    case 'longtext':
      return <Input.TextArea rows={4} data-testid={testId} maxLength={field.maxLength} showCount={!!field.maxLength} />;
    case 'number':
      return <InputNumber data-testid={testId} style={{ width: '100%', maxWidth: 320 }} />;
    case 'date':
      return <Input type="date" data-testid={testId} style={{ maxWidth: 220 }} />;
    case 'select':
      return <Select data-testid={testId} allowClear style={{ maxWidth: 420 }}
        options={(field.options ?? []).map((o) => ({ value: o.value, label: local(o.label) }))} />;
    default:
      return <Input data-testid={testId} maxLength={field.maxLength} />;
  }
}

/** The draft's title, category and the call's own fields, rendered from the call's definition. */
export function DraftFields({ fields, categories }: { fields: FormField[]; categories: ProgramCategory[] }) {
  const { t } = useTranslation();
  const local = useBilingual();
  return (
    <>
      <Form.Item name="title" label={t('portal.applicationTitle')} required>
        <Input data-testid="draft-title" maxLength={300} />
      </Form.Item>
      {categories.length > 0 && (
        <Form.Item name="category" label={t('fields.category')} required>
          <Select data-testid="draft-category" allowClear style={{ maxWidth: 420 }}
            options={categories.map((c) => ({ value: c.key, label: local(c.name) }))} />
        </Form.Item>
      )}
      {fields.map((f) => (
        <Form.Item key={f.key} name={['values', f.key]} label={local(f.label)} required={f.required}>
          {inputOf(f, local)}
        </Form.Item>
      ))}
    </>
  );
}
