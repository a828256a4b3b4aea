import { parse } from 'csv-parse/sync';
import { Bilingual, ErrorCode, say } from '@ccndr/contracts';

/** One usable row of a virtual meeting's join log. */
export interface JoinLogRow {
  line: number;
  email: string | null;
  name: string | null;
  /** Minutes in the meeting on this line, when the log has a duration column. */
  minutes: number | null;
}

/** Rows a join log may have: a meeting of the programme has a few hundred joins; this leaves ample room and keeps one import well under a second. */
export const maxJoinLogRows = 5000;

/** Lines a caller may choose to leave out of an import: they name nobody the consortium knows (a guest, a phone number). Malformed lines never are. */
export const skippableJoinLogCodes: readonly ErrorCode[] = ['join-log.no-match', 'join-log.ambiguous-name', 'join-log.no-identity'];

/** A name as rows and members are compared: case, accents, spacing and a trailing "(guest)" aside. */
export function normalisedName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');
}

export interface JoinLogProblem {
  line: number;
  code: ErrorCode;
  /** Who the line names (its e-mail, its name), when no member or several match it. */
  who?: string;
  reason: Bilingual;
}

/** Why a line could not be read, as a code and words of ours: the CSV library's own message is English and technical. */
function unreadable(error: unknown, what: Bilingual): { code: ErrorCode; reason: Bilingual } {
  const code = (error as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return { code: 'join-log.unclosed-quote', reason: say(`${what.en}: a quotation mark is opened and never closed`, `${what.fr}\u00a0: un guillemet est ouvert et jamais fermé`) };
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') return { code: 'join-log.stray-quote', reason: say(`${what.en}: a quotation mark is out of place`, `${what.fr}\u00a0: un guillemet est mal placé`) };
  return { code: 'join-log.malformed-row', reason: say(`${what.en} cannot be read`, `${what.fr} est illisible`) };
}

/** The fields of one CSV line; throws the CSV library's error (with its `code`) on a malformed line. */
function fields(line: string): string[] {
  const [record] = parse(line, { trim: true, relax_quotes: false }) as string[][];
  return record ?? [];
}

/**
 * Minutes from a duration as meeting tools write it: `45` or `45.5` (Zoom's "Duration (Minutes)"),
 * `1:05:12` or `05:12` (hours, minutes, seconds), `1h 5m 12s`, `45 min`. Null when it is none of these.
 */
export function durationMinutes(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (/^\d+([.,]\d+)?$/.test(value)) return Number(value.replace(',', '.'));
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(value);
  if (clock) return clock[1] === undefined ? Number(clock[2]) + Number(clock[3]) / 60 : Number(clock[1]) * 60 + Number(clock[2]) + Number(clock[3]) / 60;
  const units = /^(?:(\d+)\s*h(?:ours?|eures?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?\s*(?:(\d+)\s*s(?:ec(?:ondes?|onds?|s)?)?)?$/.exec(value);
  if (units && (units[1] ?? units[2] ?? units[3]) !== undefined) return Number(units[1] ?? 0) * 60 + Number(units[2] ?? 0) + Number(units[3] ?? 0) / 60;
  return null;
}

/**
 * Reads the participant report of a virtual meeting (Zoom, Teams and the like export one): a header
 * line, then one line per join. The e-mail column (`Email`, `User Email`, `Courriel`…), the name
 * column (`Name`, `Full Name`, `Nom`…) and the duration column (`Duration (Minutes)`, `Durée`…) are
 * found by their headers; other columns are ignored. Each line is read on its own, so a malformed
 * line is reported with its number and never swallows the next. With `minutes`, the duration column
 * is required and every line must give one.
 */
export function readJoinLog(text: string, options: { minutes?: boolean } = {}): { rows: JoinLogRow[]; problems: JoinLogProblem[]; tooMany?: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex < 0) return { rows: [], problems: [{ line: 1, code: 'join-log.empty', reason: say('the file is empty', 'le fichier est vide') }] };
  // Counted before any line is parsed: a file over the limit costs one pass over its text.
  const rowCount = lines.reduce((count, line, index) => (index > headerIndex && line.trim() !== '' ? count + 1 : count), 0);
  if (rowCount > maxJoinLogRows) return { rows: [], problems: [], tooMany: rowCount };
  let header: string[];
  try {
    header = fields(lines[headerIndex]).map((h) => h.toLowerCase());
  } catch (error) {
    return { rows: [], problems: [{ line: headerIndex + 1, ...unreadable(error, say('the header', 'l’en-tête')) }] };
  }
  const emailColumn = header.findIndex((h) => /e-?mail|courriel/.test(h));
  const nameColumn = header.findIndex((h, i) => i !== emailColumn && /(^|\b)(name|nom|participant)/.test(h));
  const durationColumn = header.findIndex((h) => /duration|durée|minutes/.test(h));
  if (emailColumn < 0 && nameColumn < 0) return { rows: [], problems: [{ line: headerIndex + 1, code: 'join-log.missing-columns', reason: say('no e-mail or name column in the header', 'aucune colonne de courriel ou de nom dans l’en-tête') }] };
  if (options.minutes && durationColumn < 0) return { rows: [], problems: [{ line: headerIndex + 1, code: 'join-log.missing-duration', reason: say('no duration column in the header', 'aucune colonne de durée dans l’en-tête') }] };

  const rows: JoinLogRow[] = [];
  const problems: JoinLogProblem[] = [];
  lines.forEach((text, index) => {
    if (index <= headerIndex || text.trim() === '') return;
    const line = index + 1;
    let record: string[];
    try {
      record = fields(text);
    } catch (error) {
      problems.push({ line, ...unreadable(error, say('the line', 'la ligne')) });
      return;
    }
    if (record.length !== header.length) {
      problems.push({ line, code: 'join-log.wrong-field-count', reason: say(`the line has ${record.length} fields where the header has ${header.length}`, `la ligne a ${record.length} champs alors que l’en-tête en a ${header.length}`) });
      return;
    }
    const email = emailColumn >= 0 && record[emailColumn] ? record[emailColumn].toLowerCase() : null;
    const name = nameColumn >= 0 && record[nameColumn] ? record[nameColumn].replace(/\s*\(.*\)\s*$/, '') : null;
    const minutes = durationColumn >= 0 ? durationMinutes(record[durationColumn]) : null;
    if (options.minutes && minutes === null) problems.push({ line, code: 'join-log.bad-duration', reason: say('the duration cannot be read', 'la durée est illisible') });
    else if (!email && !name) problems.push({ line, code: 'join-log.no-identity', reason: say('neither an e-mail nor a name', 'ni courriel ni nom') });
    else rows.push({ line, email, name, minutes });
  });
  return { rows, problems };
}

/** A member a join log's rows are matched against. */
export interface JoinLogMember {
  id: string;
  email: string | null;
  name: string;
}

/**
 * Matches each row with an active member: by e-mail, else by a display name only one member has.
 * One pass indexes the members and each row is one lookup, so a maximal log against a large
 * consortium stays linear in rows plus members. Gives the minutes per matched member (a person who
 * rejoins has several lines) and a problem for each row that matches nobody or several people.
 */
export function matchJoinLog(rows: readonly JoinLogRow[], members: readonly JoinLogMember[]): { minutesOf: Map<string, number>; problems: JoinLogProblem[] } {
  const byEmail = new Map(members.filter((m) => m.email).map((m) => [m.email!, m]));
  const byName = new Map<string, JoinLogMember[]>();
  for (const member of members) {
    const key = normalisedName(member.name);
    byName.set(key, [...(byName.get(key) ?? []), member]);
  }
  const minutesOf = new Map<string, number>();
  const problems: JoinLogProblem[] = [];
  for (const row of rows) {
    const emailMatch = row.email ? byEmail.get(row.email) : undefined;
    const named = !emailMatch && row.name ? (byName.get(normalisedName(row.name)) ?? []) : [];
    const matched = emailMatch ?? (named.length === 1 ? named[0] : undefined);
    const who = [row.email, row.name].filter(Boolean).join(' / ');
    if (matched) minutesOf.set(matched.id, (minutesOf.get(matched.id) ?? 0) + (row.minutes ?? 0));
    else if (named.length > 1) problems.push({ line: row.line, code: 'join-log.ambiguous-name', who: row.name!, reason: say(`several members are named "${row.name}": give their e-mail`, `plusieurs membres se nomment «\u00a0${row.name}\u00a0»\u00a0: indiquez leur courriel`) });
    else problems.push({ line: row.line, code: 'join-log.no-match', who, reason: say(`no member matches ${who}`, `aucun membre ne correspond à ${who}`) });
  }
  return { minutesOf, problems };
}
