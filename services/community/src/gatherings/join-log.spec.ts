import { readJoinLog } from './join-log';

describe('reading a virtual meeting join log', () => {
  it('finds the e-mail and name columns of a Zoom participant report', () => {
    const log = 'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\nAna Roy (Ana),ANA@Example.org,2026-03-10 13:00,2026-03-10 14:00,60\n';
    expect(readJoinLog(log)).toEqual({ rows: [{ line: 2, email: 'ana@example.org', name: 'Ana Roy' }], problems: [] });
  });

  it('reads a French Teams export with a byte order mark and CRLF line ends', () => {
    const log = '\uFEFFNom complet,Heure d’arrivée,Courriel\r\nÉloïse Gagnon,13:01,\r\n\r\n"Roy, Ana",13:02,ana@example.org\r\n';
    expect(readJoinLog(log)).toEqual({
      rows: [
        { line: 2, email: null, name: 'Éloïse Gagnon' },
        { line: 4, email: 'ana@example.org', name: 'Roy, Ana' },
      ],
      problems: [],
    });
  });

  it('reports each malformed line by its number without swallowing the next', () => {
    const log = 'Name,Email\n"Unclosed,a@example.org\nToo,many,fields\nGood,g@example.org\n,\n';
    expect(readJoinLog(log)).toEqual({
      rows: [{ line: 4, email: 'g@example.org', name: 'Good' }],
      problems: [
        { line: 2, code: 'join-log.malformed-row', reason: { en: expect.stringMatching(/^malformed line: Quote Not Closed/), fr: expect.stringMatching(/^ligne mal formée : /) } },
        { line: 3, code: 'join-log.malformed-row', reason: { en: 'malformed line: 3 fields where the header has 2', fr: 'ligne mal formée : 3 champs alors que l’en-tête en a 2' } },
        { line: 5, code: 'join-log.no-identity', reason: { en: 'neither an e-mail nor a name', fr: 'ni courriel ni nom' } },
      ],
    });
  });

  it('refuses a file without a usable header', () => {
    expect(readJoinLog('')).toEqual({ rows: [], problems: [{ line: 1, code: 'join-log.empty', reason: { en: 'the file is empty', fr: 'le fichier est vide' } }] });
    expect(readJoinLog('Join Time,Duration\n13:00,60\n').problems).toEqual([{ line: 1, code: 'join-log.missing-columns', reason: expect.objectContaining({ en: 'no e-mail or name column in the header' }) }]);
  });
});
