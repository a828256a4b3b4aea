import { raterAgreement } from './rater-agreement';

describe('rater agreement (rWG on a 1–5 scale)', () => {
  it('is 1 when everyone gives the same score', () => expect(raterAgreement([4, 4, 4])).toBe(1));
  it('falls as scores spread', () => {
    expect(raterAgreement([4, 5])).toBe(0.75);
    expect(raterAgreement([3, 4, 5])).toBe(0.5);
  });
  it('never goes below 0 for opposite scores', () => expect(raterAgreement([1, 5])).toBe(0));
  it('is null with fewer than two raters', () => expect(raterAgreement([3])).toBeNull());
});
