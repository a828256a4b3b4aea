import { icuTexts, officialLocales, type OfficialLanguage } from '@ccndr/contracts';
import { defaultTimeZone } from './gathering-mail';
import en from './i18n/digest.en.json';
import fr from './i18n/digest.fr.json';
import { layoutMail } from './mail-layout';

const i18n = icuTexts('digest-mail', { fr, en }, { strict: true });

export interface DigestInput {
  language: OfficialLanguage;
  consortiumId: string;
  consortiumName: string;
  recipient: { name: string };
  gatherings: { title: string; startsAt: Date }[];
  shared: { itemType: 'thread' | 'resource'; title: string; circle: string }[];
  /** Engagement requests waiting for the recipient's organisation to answer (a provider's staff). */
  requests: { nonprofit: string; respondBy: Date }[];
  portalUrl: string;
  unsubscribeUrl: string;
}

/** The weekly digest of one person, in their language: the gatherings coming up, the requests waiting for their answer and what was shared in their working groups. */
export function renderDigest(input: DigestInput): { subject: string; text: string; html: string } {
  const lng = input.language;
  const t = (key: string, values: Record<string, unknown> = {}) => i18n.t(key, { lng, ...values }) as string;
  const list = (items: string[]) => new Intl.ListFormat(officialLocales[lng], { type: 'conjunction' }).format(items);
  const day = (date: Date) => new Intl.DateTimeFormat(officialLocales[lng], { dateStyle: 'long', timeZone: defaultTimeZone }).format(date);
  const when = (date: Date) => new Intl.DateTimeFormat(officialLocales[lng], { dateStyle: 'long', timeStyle: 'short', timeZone: defaultTimeZone }).format(date);
  const paragraphs = [t('intro')];
  if (input.gatherings.length) paragraphs.push(t('gatherings', { list: list(input.gatherings.map((g) => t('gathering', { title: g.title, when: when(g.startsAt) }))) }));
  if (input.requests.length) paragraphs.push(t('requests', { list: list(input.requests.map((r) => t('request', { nonprofit: r.nonprofit, respondBy: day(r.respondBy) }))) }));
  if (input.shared.length) paragraphs.push(t('shared', { list: list(input.shared.map((s) => t('item', { type: s.itemType, title: s.title, circle: s.circle }))) }));
  return layoutMail({
    language: lng,
    subject: t('subject', { consortium: input.consortiumName }),
    lead: t('lead', { name: input.recipient.name }),
    paragraphs,
    action: { label: t('action'), url: new URL(`/c/${input.consortiumId}`, input.portalUrl).toString() },
    footer: t('footer'),
    unsubscribe: { category: 'digest', url: input.unsubscribeUrl },
  });
}
