import type { TFunction } from 'i18next';
import { ApiError } from '../api';

/** The text to show for a failed request: the server's translated message when there is one. */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('ui.networkError');
    if (error.message && !/^HTTP \d+$/.test(error.message)) return error.message;
    return t('ui.httpError', { status: error.status });
  }
  console.error(error);
  return t('ui.unexpectedError');
}
