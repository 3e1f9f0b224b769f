import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMinor } from '../src/money';

describe('amounts in minor units', () => {
  it('use the currency\'s own number of decimals', () => {
    expect(currencyDigits('BDT')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });

  it('are written exactly up to the largest amount JSON numbers carry', () => {
    expect(formatMinor(Number.MAX_SAFE_INTEGER, 'USD', 'en')).toBe('$90,071,992,547,409.91');
    expect(formatMinor(Number.MAX_SAFE_INTEGER, 'KWD', 'en')).toContain('9,007,199,254,740.991');
    expect(formatMinor(-1_05, 'USD', 'en')).toBe('-$1.05');
    expect(formatMinor(7, 'KWD', 'en')).toContain('0.007');
    expect(formatMinor(1500, 'JPY', 'en')).toBe('¥1,500');
  });

  it('use Bengali digits in Bangla', () => {
    const bangla = formatMinor(123_456, 'BDT', 'bn');
    expect(bangla).toMatch(/[০-৯]/);
    expect(bangla).not.toMatch(/[0-9]/);
    expect(bangla).toContain('১,২৩৪.৫৬');
  });
});
