/** The registry's "holds designation … on day …" filter: `title` or `title:tier`, on a day (today by default). */
import { daySchema, DESIGNATION_TITLES, type DesignationTitle, isDesignationTitle, isTierOf, KepingError, text } from '@keping/core';
import { z } from 'zod';
import type { RequestContext } from '../context.js';
import type { HoldingFilter } from './designation.repository.js';
import { today } from './designation.service.js';

export const designationFilterSchema = z.object({
  designation: text().max(60).optional(),
  designationOn: daySchema.optional(),
});

export function holdingFilter(
  query: { designation?: string | undefined; designationOn?: string | undefined }, ctx: RequestContext,
): HoldingFilter | undefined {
  if (!query.designation) return undefined;
  const [title = '', tier] = query.designation.split(':');
  if (!isDesignationTitle(title) || (tier !== undefined && !isTierOf(title, tier))) {
    throw KepingError.fromFieldErrors([{ code: 'DESIGNATION_FILTER', field: 'designation', params: { value: query.designation } }]);
  }
  return { title: title as DesignationTitle, tier, day: query.designationOn ?? today(ctx) };
}

export const titleSchema = z.enum(DESIGNATION_TITLES);
