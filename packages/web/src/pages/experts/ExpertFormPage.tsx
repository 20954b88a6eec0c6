import { EXPERTISE_FIELDS, type ExpertInput } from '@keping/core';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Spin, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { describeError } from '../../components/describeError';
import type { Expert } from '../../expertTypes';
import { namePath } from '../programs/model';
import { ExpertListFields } from './ExpertListFields';
import { useTagLabel } from './useTagLabel';

type Values = Required<Pick<ExpertInput, 'name' | 'tags' | 'available'>> & ExpertInput;

const EMPTY: Values = { name: '', tags: [], available: true, employment: [], shareholdings: [], declared: [], unavailable: [] };

function valuesOf(e: Expert): Values {
  return {
    name: e.name, professionalTitle: e.professionalTitle, employerUscc: e.employerUscc, employerName: e.employerName, tags: e.tags,
    available: e.available, phone: e.phone, email: e.email, employment: e.employment, shareholdings: e.shareholdings,
    declared: e.declared, unavailable: e.unavailable,
  };
}

/** Create or edit an expert; the server checks codes, dates and formats and names each bad field. */
export function ExpertFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tagLabel = useTagLabel();
  const [form] = Form.useForm<Values>();
  const [expert, setExpert] = useState<Expert | null>(null);
  const [loading, setLoading] = useState(editing);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  useEffect(() => {
    if (!editing) return;
    let live = true;
    api.getExpert(Number(id))
      .then((e) => {
        if (!live) return;
        setExpert(e);
        form.setFieldsValue(valuesOf(e));
      })
      .catch((e: unknown) => live && setErrors([describeError(e, t)]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [editing, id, form, t]);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setErrors([]);
    const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
    const input: ExpertInput = {
      ...v,
      professionalTitle: blank(v.professionalTitle), employerUscc: blank(v.employerUscc), employerName: blank(v.employerName),
      phone: blank(v.phone), email: blank(v.email), userId: expert?.userId ?? null,
    };
    try {
      const saved = editing ? await api.updateExpert(Number(id), input) : await api.createExpert(input);
      navigate(`/experts/${saved.id}`);
    } catch (e) {
      const list = e instanceof ApiError ? (e.errors.length ? e.errors : e.field ? [{ code: e.code, field: e.field, message: e.message }] : []) : [];
      form.setFields(list.filter((x) => x.field).map((x) => ({ name: namePath(x.field ?? '') as never, errors: [x.message] })));
      setErrors(list.length ? list.map((x) => x.message) : [describeError(e, t)]);
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Spin style={{ display: 'block', margin: 48 }} />;
  const text = (name: keyof Values, label: string, testId: string, rules = {}) => (
    <Form.Item name={name} label={label} {...rules}><Input data-testid={testId} /></Form.Item>
  );

  return (
    <Card title={<span data-testid="page-title">{editing ? t('experts.editTitle') : t('experts.newTitle')}</span>}>
      <Form<Values> form={form} layout="vertical" initialValues={EMPTY} style={{ maxWidth: 960 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {text('name', t('experts.name'), 'expert-name-input', { rules: [{ required: true, whitespace: true, message: t('programForm.required', { field: t('experts.name') }) }] })}
          </Col>
          <Col xs={24} md={12}>{text('professionalTitle', t('fields.professionalTitle'), 'expert-title-input')}</Col>
          <Col xs={24} md={12}>{text('employerName', t('fields.employerName'), 'expert-employer-input')}</Col>
          <Col xs={24} md={12}>{text('employerUscc', t('fields.employerUscc'), 'expert-employer-uscc-input')}</Col>
          <Col xs={24} md={12}>{text('phone', t('fields.phone'), 'expert-phone-input')}</Col>
          <Col xs={24} md={12}>{text('email', t('fields.email'), 'expert-email-input')}</Col>
        </Row>
        <Form.Item name="tags" label={t('fields.tags')} extra={t('experts.tagsHint')}>
          <Select mode="tags" data-testid="expert-tags-input" options={EXPERTISE_FIELDS.map((f) => ({ value: f, label: tagLabel(f) }))} />
        </Form.Item>
        <Form.Item name="available" label={t('fields.available')} valuePropName="checked"><Switch /></Form.Item>
        <ExpertListFields name="employment" label={t('fields.employment')} empty={{ organisationUscc: null, organisationName: null, from: null, to: null }}
          columns={[
            { name: 'organisationName', label: t('experts.organisation') }, { name: 'organisationUscc', label: t('fields.uscc') },
            { name: 'from', label: t('experts.from'), kind: 'date', span: 4 }, { name: 'to', label: t('experts.to'), kind: 'date', span: 4 },
          ]} />
        <ExpertListFields name="shareholdings" label={t('fields.shareholdings')} empty={{ organisationUscc: null, percent: null }}
          columns={[{ name: 'organisationUscc', label: t('fields.uscc'), span: 10 }, { name: 'percent', label: t('experts.percent'), kind: 'percent' }]} />
        <ExpertListFields name="declared" label={t('fields.declared')} empty={{ organisationUscc: null, personName: null, reason: null }}
          columns={[
            { name: 'organisationUscc', label: t('fields.uscc') }, { name: 'personName', label: t('experts.person'), span: 5 },
            { name: 'reason', label: t('fields.reason'), span: 11 },
          ]} />
        <ExpertListFields name="unavailable" label={t('fields.unavailable')} empty={{ from: null, to: null }}
          columns={[{ name: 'from', label: t('experts.from'), kind: 'date' }, { name: 'to', label: t('experts.to'), kind: 'date' }]} />
      </Form>
      {errors.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="expert-save-error"
          message={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{errors.map((x, i) => <li key={i}>{x}</li>)}</ul>} />
      )}
      <Space>
        <Button onClick={() => navigate(editing ? `/experts/${id}` : '/experts')}>{t('ui.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => void save().catch(() => undefined)} data-testid="expert-save">{t('experts.save')}</Button>
      </Space>
    </Card>
  );
}
