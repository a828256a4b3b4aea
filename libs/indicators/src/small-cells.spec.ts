import { suppressSmallCells } from './small-cells';

describe('small-cell suppression', () => {
  it('hides counts below the threshold but shows zeros and larger counts', () => {
    expect(suppressSmallCells({ a: 0, b: 3, c: 7, d: 2 }, 5, { partitionOfTotal: false, total: 12 })).toEqual({ a: 0, b: null, c: 7, d: null });
  });

  it('hides a second cell when a single hidden cell could be worked out from the total', () => {
    expect(suppressSmallCells({ a: 2, b: 6, c: 9, d: 0 }, 5, { partitionOfTotal: true, total: 17 })).toEqual({ a: null, b: null, c: 9, d: 0 });
  });

  it('needs no second cell when two are already hidden', () => {
    expect(suppressSmallCells({ a: 2, b: 3, c: 9 }, 5, { partitionOfTotal: true, total: 14 })).toEqual({ a: null, b: null, c: 9 });
  });

  it('hides everything when the total is below the threshold', () => {
    expect(suppressSmallCells({ a: 4, b: 0 }, 5, { partitionOfTotal: true, total: 4 })).toEqual({ a: null, b: null });
  });
});
