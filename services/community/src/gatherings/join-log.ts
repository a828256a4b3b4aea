import { parse } from 'csv-parse/sync';
import { Bilingual, ErrorCode, say } from '@ccndr/contracts';

/** One usable row of a virtual meeting's join log. */
export interface JoinLogRow {
  line: number;
  email: string | null;
  name: string | null;
}

/** Rows a join log may have: a meeting of the programme has a few hundred joins; this leaves ample room and keeps one import well under a second. */
export const maxJoinLogRows = 5000;

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

/** The fields of one CSV line; throws on a malformed line (an unclosed quote, say). */
function fields(line: string): string[] {
  const [record] = parse(line, { trim: true, relax_quotes: false }) as string[][];
  return record ?? [];
}

/**
 * Reads the participant report of a virtual meeting (Zoom, Teams and the like export one): a header
 * line, then one line per join. The e-mail column (`Email`, `User Email`, `Courriel`…) and the name
 * column (`Name`, `Full Name`, `Nom`…) are found by their headers; other columns are ignored. Each
 * line is read on its own, so a malformed line is reported with its number and never swallows the next.
 */
export function readJoinLog(text: string): { rows: JoinLogRow[]; problems: JoinLogProblem[]; tooMany?: number } {
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
    return { rows: [], problems: [{ line: headerIndex + 1, code: 'join-log.malformed-row', reason: say(`malformed header: ${(error as Error).message}`, `en-tête mal formé : ${(error as Error).message}`) }] };
  }
  const emailColumn = header.findIndex((h) => /e-?mail|courriel/.test(h));
  const nameColumn = header.findIndex((h, i) => i !== emailColumn && /(^|\b)(name|nom|participant)/.test(h));
  if (emailColumn < 0 && nameColumn < 0) return { rows: [], problems: [{ line: headerIndex + 1, code: 'join-log.missing-columns', reason: say('no e-mail or name column in the header', 'aucune colonne de courriel ou de nom dans l’en-tête') }] };

  const rows: JoinLogRow[] = [];
  const problems: JoinLogProblem[] = [];
  lines.forEach((text, index) => {
    if (index <= headerIndex || text.trim() === '') return;
    const line = index + 1;
    let record: string[];
    try {
      record = fields(text);
    } catch (error) {
      problems.push({ line, code: 'join-log.malformed-row', reason: say(`malformed line: ${(error as Error).message.replace(/ at line \d+$/, '')}`, `ligne mal formée : ${(error as Error).message.replace(/ at line \d+$/, '')}`) });
      return;
    }
    if (record.length !== header.length) {
      problems.push({ line, code: 'join-log.malformed-row', reason: say(`malformed line: ${record.length} fields where the header has ${header.length}`, `ligne mal formée : ${record.length} champs alors que l’en-tête en a ${header.length}`) });
      return;
    }
    const email = emailColumn >= 0 && record[emailColumn] ? record[emailColumn].toLowerCase() : null;
    const name = nameColumn >= 0 && record[nameColumn] ? record[nameColumn].replace(/\s*\(.*\)\s*$/, '') : null;
    if (!email && !name) problems.push({ line, code: 'join-log.no-identity', reason: say('neither an e-mail nor a name', 'ni courriel ni nom') });
    else rows.push({ line, email, name });
  });
  return { rows, problems };
}
