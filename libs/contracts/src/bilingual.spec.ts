import { dateFormat } from './bilingual';

describe('dates written for a person', () => {
  const firstOfJuly = new Date('2026-07-01T18:30:00Z');

  it('writes the first of a month as an ordinal in French, in every style with the month in words', () => {
    expect(dateFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(firstOfJuly)).toBe('1er juillet 2026');
    expect(dateFormat('fr', { dateStyle: 'medium', timeZone: 'UTC' }).format(firstOfJuly)).toBe('1er juill. 2026');
    expect(dateFormat('fr', { dateStyle: 'full', timeStyle: 'short', timeZone: 'America/Toronto' }).format(firstOfJuly)).toBe('mercredi 1er juillet 2026 à 14 h 30');
    expect(dateFormat('fr', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(firstOfJuly)).toBe('juillet 2026');
  });

  it('leaves other days, numeric dates and English as Intl writes them', () => {
    expect(dateFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2026-07-11T12:00:00Z'))).toBe('11 juillet 2026');
    expect(dateFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2026-07-21T12:00:00Z'))).toBe('21 juillet 2026');
    expect(dateFormat('fr', { dateStyle: 'short', timeZone: 'UTC' }).format(firstOfJuly)).toBe('2026-07-01');
    expect(dateFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(firstOfJuly)).toBe('July 1, 2026');
  });
});
