/**
 * Errors are values: a code the client translates, the field it concerns and the
 * parameters of the message. Engines return them; the server maps them to HTTP.
 */
export type Params = Record<string, string | number>;

export interface FieldError {
  code: string;
  field?: string;
  params?: Params;
}

export class KepingError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly params: Params;
  readonly status: number;

  constructor(code: string, options: { field?: string; params?: Params; status?: number } = {}) {
    super(code);
    this.name = 'KepingError';
    this.code = code;
    this.field = options.field;
    this.params = options.params ?? {};
    this.status = options.status ?? 400;
  }

  toFieldError(): FieldError {
    return { code: this.code, ...(this.field ? { field: this.field } : {}), params: this.params };
  }
}

export function isKepingError(value: unknown): value is KepingError {
  return value instanceof KepingError;
}
