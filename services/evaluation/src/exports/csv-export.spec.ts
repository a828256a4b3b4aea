import { csvCell } from './csv-export';

describe('CSV cells', () => {
  it('writes text a spreadsheet would run as a formula after an apostrophe (=, +, -, @, tab, carriage return first)', () => {
    expect(['=HYPERLINK("http://x")', '+cmd|calc', '-2+3', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual([
      `"'=HYPERLINK(""http://x"")"`,
      `'+cmd|calc`,
      `'-2+3`,
      `'@SUM(A1)`,
      `'\tx`,
      `"'\rx"`,
    ]);
  });

  it('quotes text with a comma, a quote or a line break (RFC 4180), writes numbers as they are and null as an empty cell', () => {
    expect([csvCell('a, b'), csvCell('say "hi"'), csvCell('two\nlines'), csvCell('plain'), csvCell(-1.5), csvCell(null)]).toEqual(['"a, b"', '"say ""hi"""', '"two\nlines"', 'plain', '-1.5', '']);
  });
});
