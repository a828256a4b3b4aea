import escapeHtml from 'escape-html';
import type { OfficialLanguage } from '@ccndr/contracts';
import type { NotificationCategory } from './unsubscribe-token';

/** What every message says, in its language: a greeting, paragraphs, one action, why the person receives it and how to stop. */
export interface MailParts {
  language: OfficialLanguage;
  subject: string;
  lead: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer: string;
  /** The one-click link that stops this category's messages for this person (the same as List-Unsubscribe). */
  unsubscribe: { category: NotificationCategory; url: string };
}

const unsubscribeLabels: Record<OfficialLanguage, Record<NotificationCategory, string>> = {
  fr: { gatherings: 'Ne plus recevoir les messages sur les rencontres', engagements: 'Ne plus recevoir les messages sur les accompagnements', journey: 'Ne plus recevoir les messages sur le parcours de préparation', digest: 'Ne plus recevoir le résumé de la semaine' },
  en: { gatherings: 'Stop receiving messages about gatherings', engagements: 'Stop receiving messages about engagements', journey: 'Stop receiving messages about the readiness journey', digest: 'Stop receiving the weekly digest' },
};

/** A message's plain text and HTML, both from the same parts; the HTML escapes every part (names and titles are people's words). */
export function layoutMail(parts: MailParts): { subject: string; text: string; html: string } {
  const { language, subject, lead, paragraphs, action, footer, unsubscribe } = parts;
  const colon = language === 'fr' ? '\u00a0: ' : ': ';
  const stop = unsubscribeLabels[language][unsubscribe.category];
  const text = [lead, '', ...paragraphs.flatMap((p) => [p, '']), `${action.label}${colon}${action.url}`, '', '—', footer, `${stop}${colon}${unsubscribe.url}`, ''].join('\n');
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">',
    `<p>${escapeHtml(lead)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`,
    `<hr><p style="font-size: 14px; color: #505a5f">${escapeHtml(footer)}</p>`,
    `<p style="font-size: 14px"><a href="${escapeHtml(unsubscribe.url)}">${escapeHtml(stop)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
