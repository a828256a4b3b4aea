import escapeHtml from 'escape-html';
import type { OfficialLanguage } from '@ccndr/contracts';

/** What every message says, in its language: a greeting, paragraphs, one action and why the person receives it. */
export interface MailParts {
  language: OfficialLanguage;
  subject: string;
  lead: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer: string;
}

/** A message's plain text and HTML, both from the same parts; the HTML escapes every part (names and titles are people's words). */
export function layoutMail(parts: MailParts): { subject: string; text: string; html: string } {
  const { language, subject, lead, paragraphs, action, footer } = parts;
  const text = [lead, '', ...paragraphs.flatMap((p) => [p, '']), `${action.label}${language === 'fr' ? ' : ' : ': '}${action.url}`, '', '—', footer, ''].join('\n');
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">',
    `<p>${escapeHtml(lead)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`,
    `<hr><p style="font-size: 14px; color: #505a5f">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
