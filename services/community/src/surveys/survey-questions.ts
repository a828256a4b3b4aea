import { z } from 'zod';
import { feedbackCriterion } from '@ccndr/contracts';

export const surveyQuestion = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a short key such as perceived-value'),
  kind: z.enum(['scale', 'text']),
  label: z.strictObject({ fr: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) }),
  criterion: feedbackCriterion.nullable().default(null),
});
export type SurveyQuestion = z.infer<typeof surveyQuestion>;

/** The programme report's feedback criteria, asked in both official languages. */
export const defaultQuestions: SurveyQuestion[] = [
  {
    key: 'participation',
    kind: 'scale',
    criterion: 'participation',
    label: { fr: 'Comment évaluez-vous votre niveau de participation\u00a0?', en: 'How would you rate your level of participation?' },
  },
  {
    key: 'perceived-value',
    kind: 'scale',
    criterion: 'perceived-value',
    label: { fr: 'Quelle valeur accordez-vous à cette collaboration\u00a0?', en: 'How valuable is this collaboration to you?' },
  },
  {
    key: 'model-contribution',
    kind: 'scale',
    criterion: 'model-contribution',
    label: { fr: 'Dans quelle mesure avez-vous contribué à l’élaboration des modèles\u00a0?', en: 'How much did you contribute to developing the models?' },
  },
  {
    key: 'trust-synergy',
    kind: 'scale',
    criterion: 'trust-synergy',
    label: { fr: 'Comment évaluez-vous la confiance et la synergie entre partenaires\u00a0?', en: 'How would you rate trust and synergy between partners?' },
  },
  { key: 'comments', kind: 'text', criterion: null, label: { fr: 'Commentaires', en: 'Comments' } },
];
