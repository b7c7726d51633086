// The "Văn bản" tab: the plan's document metadata and section texts, saved with the revision (409 = stale).
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Divider, Form, Input, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import type { Plan, PlanView } from '../../types';
import { planBody } from './planLogic';
import { planKey } from './shared';

export const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DD/M/YYYY', 'D/MM/YYYY'];

interface DocumentValues extends Omit<Plan, 'date' | 'responsibilities'> {
  date: Dayjs | null;
  responsibilities: Array<{ department: string; heading: string; duties: string }>;
}

const LIST_FIELDS = ['basis', 'purposes', 'requirements', 'causes', 'progress', 'solutions', 'recipients'] as const;
const LIST_LABELS: Record<(typeof LIST_FIELDS)[number], MessageKey> = {
  basis: 'basis',
  purposes: 'purposes',
  requirements: 'requirements',
  causes: 'causes',
  progress: 'progressSection',
  solutions: 'solutions',
  recipients: 'recipients',
};

/** An editable list of paragraphs (one text box per line, add and remove). */
function LinesField({ name, label, readOnly }: { name: string; label: string; readOnly: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item label={label} className="plan-lines">
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }} size={4} data-testid={`lines-${name}`}>
            {fields.map((field) => (
              <div key={field.key} className="plan-line">
                <Form.Item name={field.name} noStyle>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} readOnly={readOnly} />
                </Form.Item>
                {!readOnly && <Button type="text" icon={<DeleteOutlined />} aria-label={t('remove')} onClick={() => remove(field.name)} />}
              </div>
            ))}
            {!readOnly && (
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add('')}>
                {t('addLine')}
              </Button>
            )}
          </Space>
        )}
      </Form.List>
    </Form.Item>
  );
}

export function DocumentTab({ view, departments }: { view: PlanView; departments: Array<{ code: string; name: string }> }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const plan = view.plan;
  const readOnly = plan.status === 'issued' || !view.can.edit;
  const [form] = Form.useForm<DocumentValues>();
  const [conflict, setConflict] = useState(false);
  const initial = useMemo<DocumentValues>(
    () => ({
      ...plan,
      date: plan.date ? dayjs(plan.date) : null,
      responsibilities: plan.responsibilities.map((r) => ({ department: r.department, heading: r.heading, duties: r.duties.join('\n') })),
    }),
    [plan],
  );

  const save = useMutation({
    mutationFn: (values: DocumentValues) => {
      const merged: Plan = {
        ...plan,
        ...values,
        signer: { ...plan.signer, ...values.signer },
        date: values.date ? values.date.format('YYYY-MM-DD') : null,
        responsibilities: (values.responsibilities ?? []).map((r) => ({
          department: r.department ?? '',
          heading: r.heading ?? '',
          duties: (r.duties ?? '').split('\n'),
        })),
        revision: plan.revision,
      };
      return api.savePlan(plan.unit, plan.year, planBody(merged));
    },
    onSuccess: (next) => {
      client.setQueryData(planKey(plan.unit, plan.year), next);
      void message.success(t('planSaved'));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) setConflict(true);
      if (error instanceof ApiError && error.status === 400) {
        form.setFields(
          error.details
            .map((d) => /^\$\.([a-z_]+)(?:\.([a-z_]+))?/.exec(String(d.path ?? '')))
            .filter((m): m is RegExpExecArray => m !== null)
            .map((m) => ({ name: (m[2] && m[1] === 'signer' ? ['signer', m[2]] : [m[1]]) as never, errors: [error.message] })),
        );
      }
    },
  });

  return (
    <div data-testid="plan-document">
      {readOnly && plan.status === 'issued' && <Alert type="info" showIcon message={t('issuedReadOnly')} style={{ marginBottom: 12 }} />}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="plan-conflict"
          message={t('planConflict')}
          style={{ marginBottom: 12 }}
          action={
            <Button
              size="small"
              onClick={() => {
                setConflict(false);
                save.reset();
                void client.invalidateQueries({ queryKey: planKey(plan.unit, plan.year) });
              }}
            >
              {t('reload')}
            </Button>
          }
        />
      )}
      {save.error && !(save.error instanceof ApiError && save.error.status === 409) ? <ErrorAlert error={save.error} /> : null}
      <Form<DocumentValues>
        key={plan.revision}
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={readOnly}
        onFinish={(values) => {
          setConflict(false);
          save.mutate(values);
        }}
        data-testid="plan-form"
      >
        <Card size="small" title={t('tabDocument')}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="authority" label={t('authority')}>
                <Input id="plan-authority" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="issuer" label={t('issuer')}>
                <Input id="plan-issuer" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="number" label={t('docNumber')} tooltip={t('docNumberHint')}>
                <Input id="plan-number" data-testid="plan-number" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="number_suffix" label={t('numberSuffix')}>
                <Input id="plan-number-suffix" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="place" label={t('place')}>
                <Input id="plan-place" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="date" label={t('docDate')}>
                <DatePicker id="plan-date" data-testid="plan-date" format={DATE_FORMATS} placeholder={t('datePlaceholder')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="title" label={t('docTitle')}>
                <Input.TextArea id="plan-title" autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </Col>
          </Row>
          {LIST_FIELDS.filter((f) => f !== 'recipients').map((f) => (
            <LinesField key={f} name={f} label={t(LIST_LABELS[f])} readOnly={readOnly} />
          ))}
          <Divider orientation="left">{t('responsibilities')}</Divider>
          <Form.List name="responsibilities">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }} data-testid="responsibilities">
                {fields.map((field) => (
                  <Card size="small" key={field.key} extra={!readOnly && <Button type="text" icon={<DeleteOutlined />} aria-label={t('remove')} onClick={() => remove(field.name)} />}>
                    <Row gutter={12}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'department']} label={t('department')}>
                          <Select allowClear options={departments.map((d) => ({ value: d.code, label: d.name }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={16}>
                        <Form.Item name={[field.name, 'heading']} label={t('dutyHeading')}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col span={24}>
                        <Form.Item name={[field.name, 'duties']} label={t('duties')}>
                          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                ))}
                {!readOnly && (
                  <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ department: '', heading: '', duties: '' })}>
                    {t('addDuty')}
                  </Button>
                )}
              </Space>
            )}
          </Form.List>
          <Divider />
          <Form.Item name="closing" label={t('closing')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <LinesField name="recipients" label={t('recipients')} readOnly={readOnly} />
          <Divider orientation="left">{t('signer')}</Divider>
          <Row gutter={12}>
            <Col xs={24} md={6}>
              <Form.Item name={['signer', 'mode']} label={t('signerMode')}>
                <Select
                  id="plan-signer-mode"
                  options={(['on_behalf', 'deputy', 'personal'] as const).map((m) => ({ value: m, label: t(`signerMode_${m}` as MessageKey) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name={['signer', 'collective']} label={t('signerCollective')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name={['signer', 'title']} label={t('signerTitle')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name={['signer', 'deputy_title']} label={t('signerDeputyTitle')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item name={['signer', 'name']} label={t('signerName')}>
                <Input id="plan-signer-name" />
              </Form.Item>
            </Col>
          </Row>
          {!readOnly && (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="plan-save">
              {t('save')}
            </Button>
          )}
        </Card>
      </Form>
    </div>
  );
}
