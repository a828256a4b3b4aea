import { firstStepToAnswer } from './assessment.controller';
import { Framework } from './framework';

const text = { fr: 'q', en: 'q' };
const dimension = (key: string, questions: string[]) => ({ key, name: text, questions: questions.map((q) => ({ key: q, text, options: [{ key: 's1', label: text }] })) });
const framework: Framework = { dimensions: [dimension('data', ['a', 'b']), dimension('tools', ['a']), dimension('culture', ['a'])] };

describe('firstStepToAnswer (where the self-assessment resumes)', () => {
  it('is the first step, when nothing is answered', () => {
    expect(firstStepToAnswer(framework, {})).toBe(1);
  });

  it('is the first step with a question left, even one before a step already answered', () => {
    expect(firstStepToAnswer(framework, { 'data/a': 's1', 'tools/a': 's1' })).toBe(1);
    expect(firstStepToAnswer(framework, { 'data/a': 's1', 'data/b': 's1', 'culture/a': 's1' })).toBe(2);
  });

  it('is none once every question is answered (the person checks and submits)', () => {
    expect(firstStepToAnswer(framework, { 'data/a': 's1', 'data/b': 's1', 'tools/a': 's1', 'culture/a': 's1' })).toBeNull();
  });
});
