import { Framework } from '../framework/framework.schema';

/** A respondent's answers: `<dimension>/<question>` → option key. */
export type Answers = Record<string, string>;

export interface DimensionScore {
  dimension: string;
  /** 0 (every answer at stage 1) to 100 (every answer at stage 5). */
  score: number;
  stage: number;
  /** Team assessments: how far apart respondents are on this dimension ("where your team disagrees"). */
  spread: { lowest: number; highest: number; range: number } | null;
}

export interface AssessmentScore {
  dimensions: DimensionScore[];
  overall: { score: number; stage: number };
  respondents: number;
}

export const questionRef = (dimension: string, question: string) => `${dimension}/${question}`;

/** Score bands: [0, 20) stage 1, [20, 40) stage 2, [40, 60) stage 3, [60, 80) stage 4, [80, 100] stage 5. */
export function stageOf(score: number): number {
  return Math.min(5, 1 + Math.floor(score / 20));
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Questions of the framework that `answers` leaves unanswered. */
export function unanswered(framework: Framework, answers: Answers): string[] {
  return framework.dimensions.flatMap((d) => d.questions.map((q) => questionRef(d.key, q.key)).filter((ref) => !(ref in answers)));
}

/** One respondent's score per dimension: the mean of (stage − 1) / 4 × 100 over its questions. */
export function respondentScores(framework: Framework, answers: Answers): Record<string, number> {
  return Object.fromEntries(
    framework.dimensions.map((dimension) => {
      const stages = dimension.questions.map((q) => {
        const option = q.options.find((o) => o.key === answers[questionRef(dimension.key, q.key)]);
        if (!option) throw new Error(`unanswered or unknown answer: ${questionRef(dimension.key, q.key)}`);
        return option.stage;
      });
      return [dimension.key, mean(stages.map((stage) => ((stage - 1) / 4) * 100))];
    }),
  );
}

/**
 * The organisation's result: each dimension is the mean of the respondents' dimension scores
 * (everyone counts equally), the overall score the mean of the dimensions.
 */
export function scoreAssessment(framework: Framework, respondents: Answers[]): AssessmentScore {
  if (respondents.length === 0) throw new Error('no respondent');
  const perRespondent = respondents.map((answers) => respondentScores(framework, answers));
  const dimensions = framework.dimensions.map((dimension): DimensionScore => {
    const scores = perRespondent.map((s) => s[dimension.key]);
    const score = round1(mean(scores));
    const lowest = round1(Math.min(...scores));
    const highest = round1(Math.max(...scores));
    return { dimension: dimension.key, score, stage: stageOf(score), spread: scores.length > 1 ? { lowest, highest, range: round1(highest - lowest) } : null };
  });
  const overall = round1(mean(dimensions.map((d) => d.score)));
  return { dimensions, overall: { score: overall, stage: stageOf(overall) }, respondents: respondents.length };
}
