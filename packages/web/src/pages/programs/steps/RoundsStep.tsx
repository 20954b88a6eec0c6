import { ROUND_KINDS } from '@keping/core';
import { Button, Card, Col, Empty, Form, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { BilingualItem, KeyItem } from './BilingualItem';

/** The rounds in order: screening, scoring, panel (or index); moved up and down as a list. */
export function RoundsStep() {
  const { t } = useTranslation();
  return (
    <Form.List name="rounds">
      {(rounds, { add, remove, move }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {rounds.length === 0 && <Empty description={t('programForm.noRounds')} />}
          {rounds.map((r, i) => (
            <Card key={r.key} size="small" title={t('programForm.roundN', { n: i + 1 })}
              extra={
                <Space>
                  <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>{t('programForm.up')}</Button>
                  <Button size="small" disabled={i === rounds.length - 1} onClick={() => move(i, i + 1)}>{t('programForm.down')}</Button>
                  <Button size="small" onClick={() => remove(r.name)}>{t('ui.remove')}</Button>
                </Space>
              }>
              <Row gutter={16}>
                <Col xs={24} md={12}><KeyItem name={[r.name, 'key']} testId={`round-${i}-key`} /></Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[r.name, 'kind']} label={t('programForm.roundKind')} rules={[{ required: true }]}>
                    <Select data-testid={`round-${i}-kind`} options={ROUND_KINDS.map((k) => ({ value: k, label: t(`programs.roundKind.${k}`) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <BilingualItem name={[r.name, 'name']} label={t('programForm.roundName')} testId={`round-${i}-name`} />
            </Card>
          ))}
          <Button type="dashed" block data-testid="round-add"
            onClick={() => add({ key: '', kind: rounds.length === 0 ? 'screening' : 'scoring', name: { zh: '', en: '' }, config: {} })}>
            {t('programForm.addRound')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/** What the program grants at the end, each with an optional quota. */
export function OutcomesStep() {
  const { t } = useTranslation();
  return (
    <Form.List name="outcomes">
      {(outcomes, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {outcomes.length === 0 && <Empty description={t('programForm.noOutcomes')} />}
          {outcomes.map((o) => (
            <Card key={o.key} size="small" title={t('programForm.outcomeN', { n: o.name + 1 })}
              extra={<Button size="small" onClick={() => remove(o.name)}>{t('ui.remove')}</Button>}>
              <Row gutter={16}>
                <Col xs={24} md={12}><KeyItem name={[o.name, 'key']} testId={`outcome-${o.name}-key`} /></Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[o.name, 'quota']} label={t('programForm.quota')} extra={t('programForm.quotaHint')}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`outcome-${o.name}-quota`} />
                  </Form.Item>
                </Col>
              </Row>
              <BilingualItem name={[o.name, 'name']} label={t('programForm.outcomeName')} testId={`outcome-${o.name}-name`} />
            </Card>
          ))}
          <Button type="dashed" block data-testid="outcome-add" onClick={() => add({ key: '', name: { zh: '', en: '' }, quota: null })}>
            {t('programForm.addOutcome')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
