import type { RoundInput } from '@keping/core';
import { Button, Card, Col, Empty, Form, InputNumber, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../model';
import { BilingualItem, KeyItem } from './BilingualItem';

/** Categories (分类), each with how many may leave each round. */
export function CategoriesStep() {
  const { t } = useTranslation();
  const local = useBilingual();
  const form = Form.useFormInstance();
  const rounds = (Form.useWatch('rounds', form) as Partial<RoundInput>[] | undefined) ?? [];
  const keyed = rounds.filter((r): r is Partial<RoundInput> & { key: string } => !!r?.key);
  return (
    <Form.List name="categories">
      {(categories, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('programForm.categoriesHint')}</Typography.Paragraph>
          {categories.length === 0 && <Empty description={t('programForm.noCategories')} />}
          {categories.map((c) => (
            <Card key={c.key} size="small" title={t('programForm.categoryN', { n: c.name + 1 })}
              extra={<Button size="small" onClick={() => remove(c.name)}>{t('ui.remove')}</Button>}>
              <Row gutter={16}>
                <Col xs={24} md={8}><KeyItem name={[c.name, 'key']} testId={`category-${c.name}-key`} /></Col>
              </Row>
              <BilingualItem name={[c.name, 'name']} label={t('programForm.categoryName')} testId={`category-${c.name}-name`} />
              {keyed.length > 0 && (
                <Row gutter={16}>
                  {keyed.map((r) => (
                    <Col xs={12} md={6} key={r.key}>
                      <Form.Item name={[c.name, 'quotas', r.key]} label={t('programForm.quotaOf', { round: local(r.name) || r.key })}>
                        <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`category-${c.name}-quota-${r.key}`} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              )}
            </Card>
          ))}
          <Button type="dashed" block data-testid="category-add" onClick={() => add({ key: '', name: { zh: '', en: '' }, quotas: {} })}>
            {t('programForm.addCategory')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
