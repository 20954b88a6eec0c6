import { describe, expect, it } from 'vitest';
import { breakdownOf } from './breakdown.js';

describe('breakdownOf', () => {
  it('counts an enterprise in every group it belongs to, and leading/key may overlap', () => {
    const b = breakdownOf([
      { groups: ['ic', 'electronic_information'], listing: 'star_market', district: '310115' },
      { groups: ['biomedicine', 'life_health'], listing: 'unlisted', district: '310115' },
      { groups: ['automobile'], listing: 'main_board', district: '310114' },
      { groups: [], listing: null, district: null },
    ]);
    expect(b).toMatchObject({ total: 4, leading: 2, key: 3, listed: 2, listedShare: 0.5 });
    expect(b.byGroup.ic).toBe(1);
    expect(b.byGroup.electronic_information).toBe(1);
    expect(b.byListing).toMatchObject({ star_market: 1, main_board: 1, unlisted: 1, unknown: 1, other: 0 });
    expect(b.byDistrict['310115']).toBe(2);
    expect(b.byDistrict['310101']).toBe(0);
  });
});
