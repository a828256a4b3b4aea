import { defaultFramework } from '../framework/default-framework';
import { Answers, questionRef, scoreAssessment, stageOf, unanswered } from './scoring';

/** Every question answered at `stage`, except the overrides. */
function answering(stage: number, overrides: Record<string, number> = {}): Answers {
  return Object.fromEntries(
    defaultFramework.dimensions.flatMap((d) => d.questions.map((q) => {
      const ref = questionRef(d.key, q.key);
      return [ref, `s${overrides[ref] ?? stage}`];
    })),
  );
}

describe('readiness scoring (hand-computed expectations)', () => {
  it('maps scores to stages by bands of 20 points', () => {
    expect([0, 19.9, 20, 50, 79.9, 80, 100].map(stageOf)).toEqual([1, 1, 2, 3, 4, 5, 5]);
  });

  it('scores a single respondent: a dimension is the mean of its answers, overall the mean of dimensions', () => {
    // data-governance: stage 2 → 25, stage 4 → 75, mean 50 (stage 3); every other answer stage 1 → 0.
    const result = scoreAssessment(defaultFramework, [answering(1, { 'data-governance/responsibility': 2, 'data-governance/consent': 4 })]);
    expect(result.dimensions.find((d) => d.dimension === 'data-governance')).toEqual({ dimension: 'data-governance', score: 50, stage: 3, spread: null });
    expect(result.dimensions.find((d) => d.dimension === 'culture')).toEqual({ dimension: 'culture', score: 0, stage: 1, spread: null });
    // 50 / 8 dimensions = 6.25 → 6.3 (one decimal), stage 1.
    expect(result.overall).toEqual({ score: 6.3, stage: 1 });
    expect(result.respondents).toBe(1);
  });

  it('combines a team of three and shows where it disagrees', () => {
    const cyber = (stage: number) => ({ 'cybersecurity/accounts': stage, 'cybersecurity/incidents': stage });
    // cybersecurity: 100, 50 and 0 → mean 50 (stage 3), spread 0 to 100. Everything else at stage 3 → 50 for all.
    const result = scoreAssessment(defaultFramework, [answering(3, cyber(5)), answering(3, cyber(3)), answering(3, cyber(1))]);
    expect(result.dimensions.find((d) => d.dimension === 'cybersecurity')).toEqual({
      dimension: 'cybersecurity',
      score: 50,
      stage: 3,
      spread: { lowest: 0, highest: 100, range: 100 },
    });
    expect(result.dimensions.find((d) => d.dimension === 'culture')).toMatchObject({ score: 50, spread: { range: 0 } });
    expect(result.overall).toEqual({ score: 50, stage: 3 });
  });

  it('averages respondents equally even when one of them is more extreme', () => {
    // digital-skills: respondent A at stage 5 (100) and B at stage 2 (25) → 62.5 → stage 4.
    const a = answering(1, { 'digital-skills/staff-skills': 5, 'digital-skills/learning': 5 });
    const b = answering(1, { 'digital-skills/staff-skills': 2, 'digital-skills/learning': 2 });
    expect(scoreAssessment(defaultFramework, [a, b]).dimensions.find((d) => d.dimension === 'digital-skills')).toMatchObject({ score: 62.5, stage: 4, spread: { range: 75 } });
  });

  it('lists the questions a respondent has not answered yet', () => {
    const answers = answering(2);
    delete answers['culture/sharing'];
    delete answers['cybersecurity/accounts'];
    expect(unanswered(defaultFramework, answers)).toEqual(['cybersecurity/accounts', 'culture/sharing']);
  });
});
