import { durationMinutes, matchJoinLog, maxJoinLogRows, readJoinLog } from './join-log';

describe('reading a virtual meeting join log', () => {
  it('finds the e-mail, name and duration columns of a Zoom participant report', () => {
    const log = 'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\nAna Roy (Ana),ANA@Example.org,2026-03-10 13:00,2026-03-10 14:00,60\n';
    expect(readJoinLog(log)).toEqual({ rows: [{ line: 2, email: 'ana@example.org', name: 'Ana Roy', minutes: 60 }], problems: [] });
  });

  it('reads a French Teams export with a byte order mark and CRLF line ends', () => {
    const log = '\uFEFFNom complet,Heure d’arrivée,Courriel\r\nÉloïse Gagnon,13:01,\r\n\r\n"Roy, Ana",13:02,ana@example.org\r\n';
    expect(readJoinLog(log)).toEqual({
      rows: [
        { line: 2, email: null, name: 'Éloïse Gagnon', minutes: null },
        { line: 4, email: 'ana@example.org', name: 'Roy, Ana', minutes: null },
      ],
      problems: [],
    });
  });

  it('reports each malformed line by its number and a code of ours, in words of ours, without swallowing the next', () => {
    const log = 'Name,Email\n"Unclosed,a@example.org\nToo,many,fields\nGood,g@example.org\n,\nA "stray" quote,s@example.org\n';
    const { rows, problems } = readJoinLog(log);
    expect(rows).toEqual([{ line: 4, email: 'g@example.org', name: 'Good', minutes: null }]);
    expect(problems).toEqual([
      { line: 2, code: 'join-log.unclosed-quote', reason: { en: 'the line: a quotation mark is opened and never closed', fr: 'la ligne\u00a0: un guillemet est ouvert et jamais fermé' } },
      { line: 3, code: 'join-log.wrong-field-count', reason: { en: 'the line has 3 fields where the header has 2', fr: 'la ligne a 3 champs alors que l’en-tête en a 2' } },
      { line: 5, code: 'join-log.no-identity', reason: { en: 'neither an e-mail nor a name', fr: 'ni courriel ni nom' } },
      { line: 6, code: 'join-log.stray-quote', reason: { en: 'the line: a quotation mark is out of place', fr: 'la ligne\u00a0: un guillemet est mal placé' } },
    ]);
    // The CSV library's English never reaches the answer.
    expect(JSON.stringify(problems)).not.toMatch(/Quote Not Closed|Invalid Closing Quote|parsing/i);
  });

  it('refuses a file without a usable header', () => {
    expect(readJoinLog('')).toEqual({ rows: [], problems: [{ line: 1, code: 'join-log.empty', reason: { en: 'the file is empty', fr: 'le fichier est vide' } }] });
    expect(readJoinLog('Join Time,Duration\n13:00,60\n').problems).toEqual([{ line: 1, code: 'join-log.missing-columns', reason: expect.objectContaining({ en: 'no e-mail or name column in the header' }) }]);
    expect(readJoinLog('"Name,Email\nAna,a@example.org\n').problems).toEqual([{ line: 1, code: 'join-log.unclosed-quote', reason: expect.objectContaining({ en: 'the header: a quotation mark is opened and never closed' }) }]);
  });

  it('asks for a duration column and a readable duration on every line when a minimum time is set', () => {
    expect(readJoinLog('Name,Email\nAna,a@example.org\n', { minutes: true }).problems).toEqual([{ line: 1, code: 'join-log.missing-duration', reason: expect.objectContaining({ en: 'no duration column in the header' }) }]);
    const { rows, problems } = readJoinLog('Name,Durée\nAna,1h 5m\nBob,soon\n', { minutes: true });
    expect(rows).toEqual([{ line: 2, email: null, name: 'Ana', minutes: 65 }]);
    expect(problems).toEqual([{ line: 3, code: 'join-log.bad-duration', reason: expect.objectContaining({ en: 'the duration cannot be read' }) }]);
  });

  it('reads durations as meeting tools write them', () => {
    expect(['45', '45.5', '45,5', '1:05:30', '05:30', '1h 5m 30s', '45 min', '45 mins', '2 h', '30s', 'soon', '', '1:5'].map(durationMinutes)).toEqual([45, 45.5, 45.5, 65.5, 5.5, 65.5, 45, 45, 120, 0.5, null, null, null]);
  });
});

describe('matching a join log with the consortium’s members', () => {
  const members = [
    { id: 'ana', email: 'ana@example.org', name: 'Ana Roy' },
    { id: 'eloise', email: null, name: 'Éloïse Gagnon' },
    { id: 'sam-1', email: 'sam1@example.org', name: 'Sam Lee' },
    { id: 'sam-2', email: 'sam2@example.org', name: 'Sam  LEE' },
  ];
  const row = (line: number, email: string | null, name: string | null, minutes: number | null = null) => ({ line, email, name, minutes });

  it('matches by e-mail, else by a name only one member has, adding up the minutes of a person who rejoins', () => {
    const { minutesOf, problems } = matchJoinLog([row(2, 'ana@example.org', 'Someone Else', 30), row(3, null, 'eloise gagnon', 20), row(4, 'ana@example.org', null, 15), row(5, 'sam2@example.org', 'Sam Lee', 5)], members);
    expect(Object.fromEntries(minutesOf)).toEqual({ ana: 45, eloise: 20, 'sam-2': 5 });
    expect(problems).toEqual([]);
  });

  it('reports a name several members have and a row nobody matches, by line, naming who the row names', () => {
    const { minutesOf, problems } = matchJoinLog([row(2, null, 'sam lee'), row(3, 'guest@example.org', 'Guest')], members);
    expect(minutesOf.size).toBe(0);
    expect(problems.map(({ line, code, who }) => ({ line, code, who }))).toEqual([
      { line: 2, code: 'join-log.ambiguous-name', who: 'sam lee' },
      { line: 3, code: 'join-log.no-match', who: 'guest@example.org / Guest' },
    ]);
  });

  it('matches a maximal log against 20,000 members by one index, not row by member (a quadratic match would outlast the test’s timeout)', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ id: `m${i}`, email: i % 2 ? `p${i}@example.org` : null, name: `Personne Numéro ${i}` }));
    const rows = Array.from({ length: maxJoinLogRows }, (_, i) => row(i + 2, i % 2 ? `p${i}@example.org` : null, `personne numero ${i}`, 1));
    const { minutesOf, problems } = matchJoinLog(rows, many);
    expect(minutesOf.size).toBe(maxJoinLogRows);
    expect(problems).toEqual([]);
  });
});
