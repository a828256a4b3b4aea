import { identifyGaps } from './gaps';

describe('readiness gaps', () => {
  it('aims one stage up by default, most pressing first: widest gap, then lowest score', () => {
    const gaps = identifyGaps(
      [
        { dimension: 'culture', score: 70, stage: 4, spread: null },
        { dimension: 'cybersecurity', score: 10, stage: 1, spread: null },
        { dimension: 'digital-tools', score: 100, stage: 5, spread: null },
        { dimension: 'data-governance', score: 45, stage: 3, spread: null },
      ],
      { 'data-governance': 5 },
    );
    expect(gaps).toEqual([
      { dimension: 'data-governance', currentStage: 3, targetStage: 5, priority: 1 },
      { dimension: 'cybersecurity', currentStage: 1, targetStage: 2, priority: 2 },
      { dimension: 'culture', currentStage: 4, targetStage: 5, priority: 3 },
    ]);
  });
});
