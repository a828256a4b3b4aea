import { dateFormat, icuTexts, type OfficialLanguage } from '@ccndr/contracts';
import { smallCellThreshold } from '@ccndr/indicators';
import { defaultTimeZone } from './gathering-mail';
import en from './i18n/survey.en.json';
import fr from './i18n/survey.fr.json';
import { layoutMail } from './mail-layout';

const i18n = icuTexts('survey-mail', { fr, en }, { strict: true });

export interface SurveyInvitationInput {
  language: OfficialLanguage;
  consortiumId: string;
  consortiumName: string;
  survey: { id: string; title: string; closesAt: Date | null };
  /** The gathering the survey is about, which the recipient attended; null: the consortium's own survey. */
  gathering: { title: string; startsAt: Date } | null;
  recipient: { name: string };
  portalUrl: string;
  /** The recipient's one-click link to stop messages about gatherings. */
  unsubscribeUrl: string;
}

/** A survey's answer page in the portal. */
export function surveyAnswerPage(portalUrl: string, consortiumId: string, surveyId: string): string {
  return new URL(`/c/${consortiumId}/surveys/${surveyId}/answer`, portalUrl).toString();
}

/** The invitation to answer a feedback survey, in the person's language, with the link to its page in the portal. */
export function renderSurveyInvitation(input: SurveyInvitationInput): { subject: string; text: string; html: string } {
  const lng = input.language;
  const t = (key: string, values: Record<string, unknown> = {}) => i18n.t(key, { lng, ...values }) as string;
  const day = dateFormat(lng, { dateStyle: 'long', timeZone: defaultTimeZone });
  const when = dateFormat(lng, { dateStyle: 'long', timeStyle: 'short', timeZone: defaultTimeZone });
  const values = { consortium: input.consortiumName, title: input.survey.title };
  const paragraphs = [
    input.gathering ? t('afterGathering', { ...values, gathering: input.gathering.title, day: day.format(input.gathering.startsAt) }) : t('consortium', values),
    ...(input.survey.closesAt ? [t('closes', { closesAt: when.format(input.survey.closesAt) })] : []),
    t('privacy', { threshold: smallCellThreshold }),
  ];
  return layoutMail({
    language: lng,
    subject: t('subject', { title: input.survey.title }),
    lead: t('lead', { name: input.recipient.name }),
    paragraphs,
    action: { label: t('action'), url: surveyAnswerPage(input.portalUrl, input.consortiumId, input.survey.id) },
    footer: t('footer', { consortium: input.consortiumName }),
    unsubscribe: { category: 'gatherings', url: input.unsubscribeUrl },
  });
}
