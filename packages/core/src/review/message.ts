import type { Params } from '../errors.js';

/** A user-visible sentence as an i18n key and its parameters; the client translates it. */
export interface Message {
  key: string;
  params: Params;
}
