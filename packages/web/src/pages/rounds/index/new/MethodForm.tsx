import { INDEX_AGGREGATIONS as AGGREGATIONS, INDEX_IMPUTATIONS as IMPUTATIONS, INDEX_NORMALISATIONS as NORMALISATIONS } from '@keping/core';
import { Alert, Col, Form, InputNumber, Radio, Row, Select, Switch, type FormInstance } from 'antd';
import { NormalisationOptions, OutlierOptions } from './NormalisationOptions';
import { useTranslation } from 'react-i18next';
import { DEFAULT_METHODS, type Methods } from './specModel';

/** The handbook's choices: normalisation, aggregation, imputation, outliers, coverage, Monte Carlo. */
export function MethodForm({ form }: { form: FormInstance<Methods> }) {
  const { t } = useTranslation();
  const normalisation = Form.useWatch('normalisation', form);
  const aggregation = Form.useWatch('aggregation', form);
  const rangeLo = Form.useWatch('rangeLo', form);
  const outliers = Form.useWatch('outliers', form);
  const alternatives = Form.useWatch('altNormalisations', form);
  // only ranks and a min-max range above 0 keep every normalised value positive
  const positive = normalisation === 'rank' || (normalisation === 'minmax' && (rangeLo ?? 0) > 0);
  const geometricRisk = (aggregation === 'geometric' || aggregation === 'harmonic') && !positive;
  const required = (field: string) => ({ required: true, message: t('errors.REQUIRED', { field: t(field) }) });

  return (
    <Form<Methods> form={form} layout="vertical" requiredMark={false} initialValues={DEFAULT_METHODS}>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item name="normalisation" label={t('method.normalisation')} rules={[required('method.normalisation')]} extra={t('method.normalisationHint')}>
            <Select data-testid="method-normalisation" options={NORMALISATIONS.map((m) => ({ value: m, label: t(`method.normalisation.${m}`) }))} />
          </Form.Item>
          <NormalisationOptions methods={[normalisation ?? DEFAULT_METHODS.normalisation, ...(alternatives ?? [])]} />
          <Form.Item name="aggregation" label={t('method.aggregation')} extra={t('method.aggregationHint')}>
            <Radio.Group data-testid="method-aggregation" options={AGGREGATIONS.map((a) => ({ value: a, label: t(`method.aggregation.${a}`) }))} />
          </Form.Item>
          {geometricRisk && <Alert type="warning" showIcon message={t('method.geometricWarning')} style={{ marginBottom: 16 }} />}
          <Form.Item name="imputation" label={t('method.imputation')} extra={t('method.imputationHint')}>
            <Select data-testid="method-imputation" options={IMPUTATIONS.map((m) => ({ value: m, label: t(`method.imputation.${m}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="outliers" label={t('method.outliers')} valuePropName="checked" extra={t('method.outliersHint')}>
            <Switch data-testid="method-outliers" />
          </Form.Item>
          {outliers && <OutlierOptions />}
          <Form.Item name="minCoveragePercent" label={t('method.minCoverage')} rules={[required('method.minCoverage')]} extra={t('method.minCoverageHint')}>
            <InputNumber min={0} max={100} step={5} addonAfter="%" style={{ width: 180 }} data-testid="method-min-coverage" />
          </Form.Item>
          <Form.Item name="replicates" label={t('method.replicates')} rules={[required('method.replicates')]} extra={t('method.replicatesHint')}>
            <InputNumber min={0} max={5000} step={50} precision={0} style={{ width: 180 }} data-testid="method-replicates" />
          </Form.Item>
          <Form.Item name="weightPerturbationPercent" label={t('method.weightPerturbation')} rules={[required('method.weightPerturbation')]} extra={t('method.weightPerturbationHint')}>
            <InputNumber min={0} max={99} step={5} addonAfter="±%" style={{ width: 180 }} data-testid="method-perturbation" />
          </Form.Item>
          <Form.Item name="altNormalisations" label={t('method.altNormalisations')} extra={t('method.alternativesHint')}>
            <Select
              mode="multiple"
              allowClear
              data-testid="method-alt-normalisations"
              options={NORMALISATIONS.filter((x) => x !== normalisation).map((x) => ({ value: x, label: t(`method.normalisation.${x}`) }))}
            />
          </Form.Item>
          <Form.Item name="altAggregations" label={t('method.altAggregations')}>
            <Select
              mode="multiple"
              allowClear
              data-testid="method-alt-aggregations"
              options={AGGREGATIONS.filter((x) => x !== aggregation).map((x) => ({ value: x, label: t(`method.aggregation.${x}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
