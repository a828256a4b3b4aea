import { icuTexts, officialLocales, type OfficialLanguage } from '@ccndr/contracts';
import en from './i18n/assessment.en.json';
import fr from './i18n/assessment.fr.json';
import { layoutMail } from './mail-layout';

const i18n = icuTexts('assessment-mail', { fr, en }, { strict: true });

export interface AssessmentInvitationInput {
  language: OfficialLanguage;
  consortiumId: string;
  consortiumName: string;
  assessmentId: string;
  organization: string;
  /** How many people answer, the recipient included. */
  respondents: number;
  recipient: { name: string };
  portalUrl: string;
  /** The recipient's one-click link to stop messages about the readiness journey. */
  unsubscribeUrl: string;
}

/** A colleague asked to answer their organisation's team self-assessment, in their language, with the link to its page in the portal. */
export function renderAssessmentInvitation(input: AssessmentInvitationInput): { subject: string; text: string; html: string } {
  const lng = input.language;
  const values = { consortium: input.consortiumName, organization: input.organization, respondents: input.respondents, name: input.recipient.name };
  const t = (key: string) => i18n.t(key, { lng, ...values }) as string;
  return layoutMail({
    language: lng,
    subject: t('invitation.subject'),
    lead: t('lead'),
    paragraphs: [t('invitation.body')],
    action: { label: t('invitation.action'), url: new URL(`/c/${input.consortiumId}/assessments/${input.assessmentId}`, input.portalUrl).toString() },
    footer: t('footer'),
    unsubscribe: { category: 'journey', url: input.unsubscribeUrl },
  });
}

export interface MilestoneReminderInput extends Omit<AssessmentInvitationInput, 'assessmentId' | 'respondents'> {
  /** The framework's wording of the step, in the recipient's language. */
  step: string;
  /** The day it is due (YYYY-MM-DD). */
  dueOn: string;
}

/** A member reminded of the day their organisation set to reach a journey milestone, with the link to the journey's page. */
export function renderMilestoneReminder(input: MilestoneReminderInput): { subject: string; text: string; html: string } {
  const lng = input.language;
  const dueOn = new Intl.DateTimeFormat(officialLocales[lng], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${input.dueOn}T12:00:00Z`));
  const values = { consortium: input.consortiumName, organization: input.organization, name: input.recipient.name, step: input.step, dueOn };
  const t = (key: string) => i18n.t(key, { lng, ...values }) as string;
  return layoutMail({
    language: lng,
    subject: t('milestoneDue.subject'),
    lead: t('lead'),
    paragraphs: [t('milestoneDue.body')],
    action: { label: t('milestoneDue.action'), url: new URL(`/c/${input.consortiumId}/organization/journey`, input.portalUrl).toString() },
    footer: t('footer'),
    unsubscribe: { category: 'journey', url: input.unsubscribeUrl },
  });
}
