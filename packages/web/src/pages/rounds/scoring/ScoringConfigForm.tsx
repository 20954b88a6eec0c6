import {
  AGGREGATE_METHODS, ASSIGNMENT_MODES, CALIBRATION_METHODS, DEFAULT_CRITERIA, type ScoringConfig, TIE_POLICIES,
} from '@keping/core';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { scoringApi } from '../../../scoringApi';
import { showFieldErrors } from './model';

interface Props {
  roundId: number;
  config: ScoringConfig;
  editable: boolean;
  onSaved: () => void;
}

/** What the form sends: optional texts left blank are dropped. */
function inputOf(v: ScoringConfig): ScoringConfig {
  const blank = (s: string | undefined | null) => (s ? s : undefined);
  return {
    ...v,
    assignment: { ...v.assignment, seed: blank(v.assignment.seed), expertTags: v.assignment.expertTags ?? [] },
    bootstrap: { ...v.bootstrap, seed: blank(v.bootstrap.seed) },
  };
}

/** The round's settings: rubric, blind review, what experts see, how experts are assigned, aggregation, ties, bootstrap. */
export function ScoringConfigForm({ roundId, config, editable, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScoringConfig>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mode = Form.useWatch(['assignment', 'mode'], form);

  useEffect(() => form.setFieldsValue(config), [config, form]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await scoringApi.saveConfig(roundId, inputOf({ ...config, ...values }));
      message.success(t('scoringRound.config.saved'));
      onSaved();
    } catch (e) {
      showFieldErrors(form, e, 'config.');
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Form form={form} layout="vertical" disabled={!editable} initialValues={config} data-testid="scoring-config">
      <Card size="small" title={t('scoringRound.config.rubric')}>
        <Form.List name={['rubric', 'criteria']}>
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} data-testid={`criterion-${f.name}`}>
                  <Col span={4}><Form.Item name={[f.name, 'key']} label={t('scoringRound.config.key')} rules={[{ required: true }]}><Input /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'name', 'zh']} label={t('scoringRound.config.nameZh')} rules={[{ required: true }]}><Input /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'name', 'en']} label={t('scoringRound.config.nameEn')} rules={[{ required: true }]}><Input /></Form.Item></Col>
                  <Col span={2}><Form.Item name={[f.name, 'weight']} label={t('scoringRound.config.weight')} rules={[{ required: true }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col span={2}><Form.Item name={[f.name, 'scale', 'min']} label={t('scoringRound.config.min')} rules={[{ required: true }]}><InputNumber style={{ width: '100%' }} /></Form.Item></Col>
                  <Col span={2}><Form.Item name={[f.name, 'scale', 'max']} label={t('scoringRound.config.max')} rules={[{ required: true }]}><InputNumber style={{ width: '100%' }} /></Form.Item></Col>
                  <Col span={2}><Form.Item name={[f.name, 'scale', 'step']} label={t('scoringRound.config.step')} rules={[{ required: true }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col span={2} style={{ paddingTop: 30 }}>
                    <Button danger size="small" onClick={() => remove(f.name)} disabled={!editable || fields.length <= 1}>{t('ui.remove')}</Button>
                  </Col>
                </Row>
              ))}
              <Space>
                <Button size="small" onClick={() => add({ key: '', name: { zh: '', en: '' }, weight: 10, scale: { min: 0, max: 10, step: 0.5 } })}>
                  {t('scoringRound.config.addCriterion')}
                </Button>
                <Button size="small" onClick={() => form.setFieldValue(['rubric', 'criteria'], DEFAULT_CRITERIA)}>{t('scoringRound.config.defaultRubric')}</Button>
              </Space>
            </Space>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t('scoringRound.config.review')} style={{ marginTop: 12 }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="blind" label={t('scoringRound.config.blind')} valuePropName="checked" extra={t('scoringRound.config.blindHint')}>
              <Switch data-testid="config-blind" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="scoresVisibleToExpertsBeforeClose" label={t('scoringRound.config.visibleBefore')} valuePropName="checked"><Switch /></Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="resultsVisibleToExpertsAfterClose" label={t('scoringRound.config.visibleAfter')} valuePropName="checked"><Switch /></Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('scoringRound.config.assignment')} style={{ marginTop: 12 }}>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name={['assignment', 'mode']} label={t('scoringRound.config.mode')}>
              <Select data-testid="config-mode" options={options(ASSIGNMENT_MODES, 'scoringRound.mode')} />
            </Form.Item>
          </Col>
          <Col span={6}><Form.Item name={['assignment', 'perEntry']} label={t('scoringRound.config.perEntry')}><InputNumber data-testid="config-per-entry" min={1} max={50} /></Form.Item></Col>
          <Col span={6}><Form.Item name={['assignment', 'minLoad']} label={t('scoringRound.config.minLoad')}><InputNumber min={0} /></Form.Item></Col>
          <Col span={6}><Form.Item name={['assignment', 'maxLoad']} label={t('scoringRound.config.maxLoad')}><InputNumber data-testid="config-max-load" min={1} /></Form.Item></Col>
          <Col span={6}>
            <Form.Item name={['assignment', 'reserves']} label={t('scoringRound.config.reserves')} extra={t('scoringRound.config.reservesHint')}>
              <InputNumber min={0} max={20} disabled={!editable || mode !== 'random'} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={['assignment', 'seed']} label={t('scoringRound.config.seed')} extra={t('scoringRound.config.seedHint')}>
              <Input data-testid="config-seed" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['assignment', 'expertTags']} label={t('scoringRound.config.expertTags')} extra={t('scoringRound.config.expertTagsHint')}>
              <Select mode="tags" data-testid="config-expert-tags" open={false} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('scoringRound.config.results')} style={{ marginTop: 12 }}>
        <Row gutter={16}>
          <Col span={6}><Form.Item name="aggregate" label={t('scoringRound.config.aggregate')}><Select options={options(AGGREGATE_METHODS, 'scoringRound.aggregate')} /></Form.Item></Col>
          <Col span={6}><Form.Item name="calibration" label={t('scoringRound.config.calibration')}><Select options={options(CALIBRATION_METHODS, 'scoringRound.calibration')} /></Form.Item></Col>
          <Col span={6}><Form.Item name="ties" label={t('scoringRound.config.ties')}><Select options={options(TIE_POLICIES, 'scoringRound.ties')} /></Form.Item></Col>
          <Col span={6}><Form.Item name={['bootstrap', 'replicates']} label={t('scoringRound.config.replicates')}><InputNumber min={0} max={5000} /></Form.Item></Col>
          <Col span={6}><Form.Item name={['bootstrap', 'level']} label={t('scoringRound.config.level')}><InputNumber min={0.5} max={0.99} step={0.05} /></Form.Item></Col>
          <Col span={6}><Form.Item name={['bootstrap', 'seed']} label={t('scoringRound.config.bootstrapSeed')}><Input /></Form.Item></Col>
        </Row>
        <Typography.Text type="secondary">{t('scoringRound.config.quotasHint')}</Typography.Text>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="config-error" />}
      {editable && (
        <Button type="primary" loading={busy} onClick={() => void save().catch(() => undefined)} style={{ marginTop: 12 }} data-testid="config-save">
          {t('scoringRound.config.save')}
        </Button>
      )}
    </Form>
  );
}
