import { Col, Form, InputNumber, Radio, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Methods } from './specModel';

type Method = Methods['normalisation'];

/** The options of the chosen normalisation (and of the methods the Monte Carlo may draw), shown only where they apply. */
export function NormalisationOptions({ methods }: { methods: readonly Method[] }) {
  const { t } = useTranslation();
  const uses = (...m: Method[]) => methods.some((x) => m.includes(x));
  const required = (field: string) => ({ required: true, message: t('errors.REQUIRED', { field: t(field) }) });
  const above = (other: keyof Methods, message: string) => ({ getFieldValue }: { getFieldValue: (name: keyof Methods) => unknown }) => ({
    validator: (_: unknown, v: number | null) => (v === null || v > Number(getFieldValue(other)) ? Promise.resolve() : Promise.reject(new Error(t(message)))),
  });
  return (
    <>
      {uses('minmax') && (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="rangeLo" label={t('method.rangeLo')} rules={[required('method.rangeLo')]}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="rangeHi" label={t('method.rangeHi')} dependencies={['rangeLo']} rules={[required('method.rangeHi'), above('rangeLo', 'method.rangeOrder')]}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      {uses('rank', 'percentile', 'borda') && (
        <Form.Item name="ties" label={t('method.ties')}>
          <Radio.Group data-testid="method-ties" options={(['average', 'min'] as const).map((v) => ({ value: v, label: t(`method.ties.${v}`) }))} />
        </Form.Item>
      )}
      {uses('percentile') && (
        <Form.Item name="percentileScale" label={t('method.percentileScale')} extra={t('method.percentileScaleHint')} rules={[required('method.percentileScale')]}>
          <InputNumber min={0.01} style={{ width: 180 }} data-testid="method-percentile-scale" />
        </Form.Item>
      )}
      {uses('goalposts') && (
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="goalLo" label={t('method.goalLo')} rules={[required('method.goalLo')]}>
              <InputNumber style={{ width: '100%' }} data-testid="method-goal-lo" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="goalHi" label={t('method.goalHi')} dependencies={['goalLo']} rules={[required('method.goalHi'), above('goalLo', 'method.rangeOrder')]}>
              <InputNumber style={{ width: '100%' }} data-testid="method-goal-hi" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="goalScale" label={t('method.goalScale')} rules={[required('method.goalScale')]}>
              <InputNumber min={0.01} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="goalTruncate" label={t('method.goalTruncate')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      )}
      {uses('target') && (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="target" label={t('method.target')} rules={[required('method.target')]}>
              <InputNumber style={{ width: '100%' }} data-testid="method-target" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="targetCap" label={t('method.targetCap')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}

/** The outlier rule's options, shown when the rule is on. */
export function OutlierOptions() {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col xs={24} sm={10}>
        <Form.Item name="winmax" label={t('method.winmax')} rules={[{ required: true, message: t('errors.REQUIRED', { field: t('method.winmax') }) }]}>
          <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} data-testid="method-winmax" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        <Form.Item name="negativeLog" label={t('method.negativeLog')}>
          <Select data-testid="method-negative-log" options={(['mirror', 'coinr'] as const).map((v) => ({ value: v, label: t(`method.negativeLog.${v}`) }))} />
        </Form.Item>
      </Col>
    </Row>
  );
}
