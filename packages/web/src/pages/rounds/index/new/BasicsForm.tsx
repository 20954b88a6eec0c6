import { shanghaiYear } from '@keping/core';
import { Col, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Cycle } from '../../../../indexTypes';

export interface Basics {
  /** The cycle whose indicator system and methods the new one starts from; 0 for a blank system. */
  copyFrom: number;
  name: string;
  /** The program's English title (optional: the Chinese name stands in). */
  nameEn?: string;
  year: number;
  topN: number;
  seed: string;
}

const thisYear = shanghaiYear(new Date());
const INITIAL: Basics = { copyFrom: 0, name: '', year: thisYear, topN: 100, seed: `top100-${thisYear}` };

interface Props {
  form: FormInstance<Basics>;
  cycles: Cycle[];
  onCopyFrom: (cycle: Cycle | null) => void;
  /** Editing an existing cycle: nothing to copy from, and its year is fixed. */
  editing?: boolean;
}

/** Name, year, size of the list, the seed of the Monte Carlo runs, and which cycle to start from. */
export function BasicsForm({ form, cycles, onCopyFrom, editing = false }: Props) {
  const { t } = useTranslation();
  const required = (field: string) => ({ required: true, message: t('errors.REQUIRED', { field: t(field) }) });
  return (
    <Form<Basics> form={form} layout="vertical" requiredMark={false} style={{ maxWidth: 720 }} initialValues={INITIAL}>
      <Form.Item name="copyFrom" label={t('cycles.copyFrom')} extra={t('cycles.copyFromHint')} hidden={editing}>
        <Select
          data-testid="cycle-copy-from"
          onChange={(id: number) => onCopyFrom(cycles.find((c) => c.id === id) ?? null)}
          options={[
            { value: 0, label: t('cycles.blankSystem') },
            ...cycles.map((c) => ({ value: c.id, label: `${c.name} (${c.year})` })),
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label={t('cycles.name')} rules={[required('cycles.name'), { max: 200 }]}>
        <Input data-testid="cycle-name-input" placeholder={t('cycles.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('cycles.nameEn')} extra={t('cycles.nameEnHint')} rules={[{ max: 200 }]}>
        <Input data-testid="cycle-name-en-input" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name="year" label={t('cycles.year')} rules={[required('cycles.year')]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="cycle-year" disabled={editing} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="topN" label={t('cycles.topN')} rules={[required('cycles.topN')]}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} data-testid="cycle-topn" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="seed" label={t('cycles.seed')} rules={[required('cycles.seed'), { max: 100 }]} extra={t('cycles.seedHint')}>
            <Input data-testid="cycle-seed" />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
