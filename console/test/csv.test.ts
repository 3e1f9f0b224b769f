import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/csv';

describe('CSV export', () => {
  it('quotes what would split a cell', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines']])).toBe('"a,b","say ""hi""","two\nlines"\r\n');
  });

  it('keeps formulas from running in a spreadsheet, and negative amounts as numbers', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '@SUM', '-250']])).toBe('"\'=HYPERLINK(""x"")",\'+1,\'@SUM,-250\r\n');
  });
});
