import { PortalContext } from '../pages/context';
import { appHeader, button, currentLink, errorSummary } from './components';
import { confirmationPage } from './confirmation';
import { formats, zonedInstant } from './format';
import { messages } from '../i18n/messages';

const ctx = (path: string): PortalContext => ({ lang: 'fr', t: messages.fr, format: formats('fr'), path, session: { name: 'Ana', csrf: 'token', consortia: { c1: ['coordinator'] } } as never });

describe('the portal’s components', () => {
  it('marks the link of the page as the current page, and the link of its section on a page below it', () => {
    const links = [
      { href: '/c/c1', label: 'Vue d’ensemble' },
      { href: '/c/c1/gatherings', label: 'Rencontres' },
    ];
    expect(currentLink(links, '/c/c1/gatherings?done=scheduled')).toEqual({ href: '/c/c1/gatherings', exact: true });
    expect(currentLink(links, '/c/c1/gatherings/g1')).toEqual({ href: '/c/c1/gatherings', exact: false });
    expect(currentLink(links, '/c/c1')).toEqual({ href: '/c/c1', exact: true });
    expect(currentLink(links, '/events')).toBeUndefined();
    const header = appHeader(ctx('/c/c1/gatherings'), links).value;
    expect(header).toContain('<a href="/c/c1/gatherings" aria-current="page">Rencontres</a>');
    expect(header).toContain('<details class="app-menu"><summary>Menu</summary>');
  });

  it('marks a section whose pages live under another address (an assessment’s pages are the organisation’s)', () => {
    const links = [{ href: '/c/c1/organization', label: 'Mon organisme', also: ['/c/c1/assessments'] }, { href: '/c/c1/needs', label: 'Besoins' }];
    expect(currentLink(links, '/c/c1/assessments/a1/steps/2')).toEqual({ href: '/c/c1/organization', exact: false });
    expect(currentLink(links, '/c/c1/organization/profile')).toEqual({ href: '/c/c1/organization', exact: false });
    expect(currentLink(links, '/c/c1/needs/n1')).toEqual({ href: '/c/c1/needs', exact: false });
  });

  it('confirms a step on a page titled by it, a card of what will happen, its button of the step’s kind and a way back', () => {
    const page = (kind: 'primary' | 'danger') =>
      confirmationPage(ctx('/c/c1/requests/e1'), 'c1', {
        title: 'Refuser la demande de Woodgreen ?',
        outcome: 'La demande est close.',
        facts: [['Raison', 'Hors de notre expertise']],
        button: 'Refuser la demande',
        kind,
        action: '/c/c1/requests/e1',
        back: '/c/c1/requests',
        fields: { answer: 'decline', reason: 'outside-expertise', csrf: 'old', confirmed: 'no' },
      });
    const danger = page('danger');
    expect(danger).toContain('<h1>Refuser la demande de Woodgreen ?</h1>');
    expect(danger).toContain('<title>Refuser la demande de Woodgreen ? · ');
    expect(danger).toMatch(/<section class="card confirmation danger"[^>]*>\s*<h2 id="confirmation-what">Ce qui va se passer<\/h2>\s*<dl class="facts"><dt>Raison<\/dt><dd>Hors de notre expertise<\/dd><\/dl>/);
    expect(danger).toContain('<button type="submit" class="button danger"');
    expect(danger).toContain('>Refuser la demande</button>');
    expect(danger).toContain('<a class="button secondary" href="/c/c1/requests">Retour</a>');
    // The posted fields go again, with the session's token and `confirmed` of this page, not the posted ones.
    expect(danger).toContain('<input type="hidden" name="reason" value="outside-expertise">');
    expect(danger).not.toContain('value="old"');
    expect(danger.match(/name="confirmed"/g)).toHaveLength(1);
    expect(page('primary')).toContain('<button type="submit" class="button primary"');
  });

  it('draws the three kinds of button differently', () => {
    expect(button('Accepter').value).toContain('class="button primary"');
    expect(button('Décliner', { kind: 'danger' }).value).toContain('class="button danger"');
    expect(button('Enregistrer', { kind: 'secondary' }).value).toContain('class="button secondary"');
  });

  it('sums up a form’s errors at the top, each linking to its field', () => {
    const summary = errorSummary(ctx('/c/c1/gatherings'), { title: 'Champ obligatoire.', startsAt: 'Une rencontre déjà tenue a une date passée.' }).value;
    expect(summary).toContain('Il y a un problème');
    expect(summary).toContain('<a href="#title">Champ obligatoire.</a>');
    expect(summary).toContain('<a href="#startsAt">Une rencontre déjà tenue a une date passée.</a>');
    expect(errorSummary(ctx('/'), {}).value).toBe('');
  });

  it('joins a field named by a question to its message with a dash, never “?:”', () => {
    const summary = errorSummary(ctx('/c/c1/assessments/a1/check'), { 'q-cyber-accounts': 'Répondez à cette question.' }, { 'q-cyber-accounts': 'Comment les comptes sont-ils protégés\u00a0?' }).value;
    expect(summary).toContain('<a href="#q-cyber-accounts">Comment les comptes sont-ils protégés\u00a0? — Répondez à cette question.</a>');
    expect(summary).not.toMatch(/\?\s*:/);
  });
});

describe('numbers and dates in each language', () => {
  it('writes a French decimal with a comma and an English one with a point', () => {
    expect(formats('fr').number(37.5)).toBe('37,5');
    expect(formats('en').number(37.5)).toBe('37.5');
  });

  it('writes a moment with its time zone, and reads a typed local time in that zone', () => {
    expect(formats('fr').dateTime('2026-03-01T15:00:00Z')).toMatch(/^1er mars 2026.*10 h 00 HNE$/);
    expect(formats('en').dateTime('2026-07-01T14:00:00Z')).toMatch(/^July 1, 2026.*10:00 a\.m\. EDT$/);
    expect(zonedInstant('2026-03-01T10:00', 'America/Toronto')).toBe('2026-03-01T15:00:00.000Z');
    expect(zonedInstant('2026-07-01T10:00', 'America/Toronto')).toBe('2026-07-01T14:00:00.000Z');
  });
});
