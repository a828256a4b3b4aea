import { dateFormat, icuTexts, officialLocales, type DeclineReason, type OfficialLanguage, type PaymentMilestone } from '@ccndr/contracts';
import { defaultTimeZone } from './gathering-mail';
import en from './i18n/engagement.en.json';
import fr from './i18n/engagement.fr.json';
import { layoutMail } from './mail-layout';

const i18n = icuTexts('engagement-mail', { fr, en }, { strict: true });

/** What happened to an engagement that someone is told of, and who: the provider's staff, the nonprofit's, or the coordination. */
export type EngagementMessage =
  | { kind: 'requested'; respondBy: Date }
  | { kind: 'overdue'; respondBy: Date }
  | { kind: 'overdueCoordinator'; respondBy: Date }
  | { kind: 'accepted' }
  | { kind: 'declined'; reason: DeclineReason }
  | { kind: 'expired'; respondBy: Date }
  | { kind: 'scopeProposed'; milestones: { milestone: PaymentMilestone; amount: number; dueOn: string }[] }
  | { kind: 'paymentDue'; milestone: PaymentMilestone; amount: number; dueOn: string };

export interface EngagementMailInput {
  message: EngagementMessage;
  language: OfficialLanguage;
  consortiumId: string;
  consortiumName: string;
  recipient: { name: string; organization: string };
  nonprofit: string;
  provider: string;
  portalUrl: string;
  /** The recipient's one-click link to stop messages about engagements. */
  unsubscribeUrl: string;
}

/** Where each message leads in the portal: the provider's requests, the nonprofit's engagements or needs. */
const pages: Record<EngagementMessage['kind'], string> = {
  requested: 'requests',
  overdue: 'requests',
  overdueCoordinator: 'engagements',
  accepted: 'engagements',
  declined: 'needs',
  expired: 'needs',
  scopeProposed: 'engagements',
  paymentDue: 'engagements',
};

/** A message about an engagement to one person, in their language (plain text and HTML; no calendar entry). */
export function renderEngagementMail(input: EngagementMailInput): { subject: string; text: string; html: string } {
  const { message, language: lng } = input;
  const t = (key: string, values: Record<string, unknown> = {}) => i18n.t(key, { lng, ...values }) as string;
  // A day as the consortium's time zone sees it (« 12 décembre 2026 »), not the server's.
  const day = (date: Date | string) =>
    dateFormat(lng, { dateStyle: 'long', timeZone: typeof date === 'string' ? 'UTC' : defaultTimeZone }).format(typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date);
  const values: Record<string, unknown> = { consortium: input.consortiumName, nonprofit: input.nonprofit, provider: input.provider };
  if ('respondBy' in message) values.respondBy = day(message.respondBy);
  if (message.kind === 'declined') values.reason = t(`reason.${message.reason}`);
  if (message.kind === 'scopeProposed') {
    values.count = message.milestones.length;
    const items = message.milestones.map((m) => t('milestone', { label: t(`milestoneLabel.${m.milestone}`), amount: m.amount, dueOn: day(m.dueOn) }));
    values.milestones = new Intl.ListFormat(officialLocales[lng], { type: 'conjunction' }).format(items);
  }
  if (message.kind === 'paymentDue') values.payment = t('milestone', { label: t(`milestoneLabel.${message.milestone}`), amount: message.amount, dueOn: day(message.dueOn) });
  return layoutMail({
    language: lng,
    subject: t(`${message.kind}.subject`, values),
    lead: t('lead', { name: input.recipient.name }),
    paragraphs: [t(`${message.kind}.body`, values)],
    action: { label: t(`${message.kind}.action`), url: new URL(`/c/${input.consortiumId}/${pages[message.kind]}`, input.portalUrl).toString() },
    footer: message.kind === 'overdueCoordinator' ? t('footerCoordinator', values) : t('footer', { ...values, organization: input.recipient.organization }),
    unsubscribe: { category: 'engagements', url: input.unsubscribeUrl },
  });
}
