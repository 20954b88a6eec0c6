/** Where a refused write's errors belong in an antd form. */
import { ApiError } from '../../api';

/**
 * The server's field errors as antd `setFields` entries, for the fields this form has
 * (`rename` maps a server field to the form's, e.g. person → personName, decision.entryId → entryId).
 */
export function formErrorsOf<K extends string>(
  error: unknown, known: readonly K[], rename: Record<string, K> = {},
): { name: K; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  const list = error.errors.length > 0 ? error.errors : error.field ? [{ field: error.field, message: error.message }] : [];
  return list.flatMap((x) => {
    const field = x.field ? (rename[x.field] ?? x.field) : '';
    return (known as readonly string[]).includes(field) ? [{ name: field as K, errors: [x.message] }] : [];
  });
}
