/** Per-field client validation with the same validator as the server (validateOrganisation). */
import { shanghaiDay, validateOrganisation, type FieldError } from '@keping/core';
import type { FormRule } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../labels';
import { toInput, type OrganisationFormValues } from './formModel';

export function useFieldErrorMessage(): (e: FieldError) => string {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  return useCallback(
    (e: FieldError) => {
      const key = `errors.${e.code}`;
      if (!i18n.exists(key)) return e.code;
      return t(key, { ...(e.params ?? {}), field: e.field ? labels.field(e.field) : '' });
    },
    [t, i18n, labels],
  );
}

/** The problems of the whole form, as validateOrganisation reports them. */
export function validateForm(values: OrganisationFormValues): FieldError[] {
  return validateOrganisation({ ...toInput(values) }, shanghaiDay(new Date())).errors;
}

/** A rule for one Form.Item: runs the validator on all values and keeps what concerns `field`. */
export function useOrganisationRule(): (field: string) => FormRule {
  const message = useFieldErrorMessage();
  return useCallback(
    (field: string): FormRule =>
      (form) => ({
        validator: async () => {
          const values = form.getFieldsValue(true) as OrganisationFormValues;
          const problems = validateForm(values).filter((e) => e.field === field);
          if (problems.length) throw new Error(problems.map(message).join('; '));
        },
      }),
    [message],
  );
}
