import { Button, Col, Form, Input, InputNumber, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ListColumn {
  name: string;
  label: string;
  kind?: 'text' | 'date' | 'percent';
  span?: number;
}

/** A repeatable group of inputs (employment, shareholdings, declared conflicts, unavailable periods). */
export function ExpertListFields({ name, label, columns, empty }: { name: string; label: string; columns: ListColumn[]; empty: Record<string, null> }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label}>
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {rows.map((r) => (
              <Row gutter={8} key={r.key} align="top">
                {columns.map((c) => (
                  <Col xs={24} md={c.span ?? 6} key={c.name}>
                    <Form.Item name={[r.name, c.name]} style={{ marginBottom: 8 }}>
                      {c.kind === 'percent' ? <InputNumber min={0} max={100} placeholder={c.label} addonAfter="%" style={{ width: '100%' }} />
                        : c.kind === 'date' ? <Input type="date" placeholder={c.label} aria-label={c.label} />
                          : <Input placeholder={c.label} data-testid={`${name}-${r.name}-${c.name}`} />}
                    </Form.Item>
                  </Col>
                ))}
                <Col xs={24} md={2}><Button onClick={() => remove(r.name)}>{t('ui.remove')}</Button></Col>
              </Row>
            ))}
            <Button size="small" onClick={() => add({ ...empty })} data-testid={`${name}-add`}>{t('experts.addRow')}</Button>
          </Space>
        )}
      </Form.List>
    </Form.Item>
  );
}
