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
  /** Every field problem when there are several (a form with three bad fields). */
  readonly errors: FieldError[];

  constructor(
    code: string,
    options: { field?: string | undefined; params?: Params | undefined; status?: number; errors?: FieldError[] } = {},
  ) {
    super(code);
    this.name = 'KepingError';
    this.code = code;
    this.field = options.field;
    this.params = options.params ?? {};
    this.status = options.status ?? 400;
    this.errors = options.errors ?? [this.toFieldError()];
  }

  /** One error carrying all the problems of a validation, the first one as its own code. */
  static fromFieldErrors(errors: FieldError[], status = 400): KepingError {
    const first = errors[0] ?? { code: 'VALIDATION' };
    return new KepingError(first.code, { field: first.field, params: first.params, status, errors });
  }

  toFieldError(): FieldError {
    return { code: this.code, ...(this.field ? { field: this.field } : {}), params: this.params };
  }
}

export function isKepingError(value: unknown): value is KepingError {
  return value instanceof KepingError;
}
