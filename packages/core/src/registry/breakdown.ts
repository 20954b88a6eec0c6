/**
 * Breakdowns of a published list (榜单结构): by the 3+6 groups (an enterprise counts in every group
 * it belongs to, so the leading and key totals may overlap), by listing status and by district.
 */
import { DISTRICTS, KEY_INDUSTRIES, LEADING_INDUSTRIES, LISTING_STATUSES, type IndustryGroup, type ListingStatus } from './taxonomy.js';

export interface ListedOrganisation {
  groups: readonly IndustryGroup[];
  listing: ListingStatus | null;
  district: string | null;
}

export interface Breakdown {
  total: number;
  /** In at least one of the 3 leading industries / the 6 key ones (both possible). */
  leading: number;
  key: number;
  byGroup: Record<IndustryGroup, number>;
  /** main_board + star_market + other. */
  listed: number;
  listedShare: number;
  byListing: Record<ListingStatus | 'unknown', number>;
  byDistrict: Record<string, number>;
}

export function breakdownOf(list: readonly ListedOrganisation[]): Breakdown {
  const byGroup = Object.fromEntries([...LEADING_INDUSTRIES, ...KEY_INDUSTRIES].map((g) => [g, 0])) as Record<IndustryGroup, number>;
  const byListing = Object.fromEntries([...LISTING_STATUSES, 'unknown'].map((l) => [l, 0])) as Record<ListingStatus | 'unknown', number>;
  const byDistrict: Record<string, number> = Object.fromEntries(DISTRICTS.map((d) => [d.code, 0]));
  let leading = 0;
  let key = 0;
  for (const o of list) {
    for (const g of o.groups) byGroup[g]++;
    if (o.groups.some((g) => (LEADING_INDUSTRIES as readonly string[]).includes(g))) leading++;
    if (o.groups.some((g) => (KEY_INDUSTRIES as readonly string[]).includes(g))) key++;
    byListing[o.listing ?? 'unknown']++;
    if (o.district) byDistrict[o.district] = (byDistrict[o.district] ?? 0) + 1;
  }
  const listed = byListing.main_board + byListing.star_market + byListing.other;
  return { total: list.length, leading, key, byGroup, listed, listedShare: list.length ? listed / list.length : 0, byListing, byDistrict };
}
