import { describe, expect, it } from 'vitest';
import { formatDay } from '../src/dates';

describe('a day as people read it', () => {
  it('is the same calendar day in every language, with the language’s digits', () => {
    expect(formatDay('2026-03-01', 'en')).toBe('Mar 1, 2026');
    expect(formatDay('2026-03-01', 'bn')).toContain('২০২৬');
    expect(formatDay('2026-03-01', 'bn')).not.toMatch(/[0-9]/);
    expect(formatDay('2026-12-31', 'ar')).toMatch(/٣١|31/);
  });

  it('leaves what is not a day as it came', () => {
    expect(formatDay('not a day', 'en')).toBe('not a day');
  });
});
