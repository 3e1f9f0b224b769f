import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMinor, parseMinor } from '../src/money';

describe('amounts in minor units', () => {
  it('use the currency\'s own number of decimals', () => {
    expect(currencyDigits('BDT')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    // ISO 4217, as the server counts them, where browsers round for display.
    expect(currencyDigits('IQD')).toBe(3);
    expect(currencyDigits('LBP')).toBe(2);
    expect(formatMinor(150_000, 'IQD', 'en')).toContain('150.000');
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

describe('amounts people type', () => {
  it('become minor units exactly', () => {
    expect(parseMinor('1234.5', 'BDT')).toBe(123_450);
    expect(parseMinor('1,234.56', 'BDT')).toBe(123_456);
    expect(parseMinor('0.07', 'BDT')).toBe(7);
    expect(parseMinor('1500', 'JPY')).toBe(1500);
    expect(parseMinor('1.234', 'KWD')).toBe(1234);
  });

  it('are refused beyond the currency\'s decimals, at zero, below it, or past what JSON carries exactly', () => {
    expect(parseMinor('1.001', 'BDT')).toBeNull();
    expect(parseMinor('1.5', 'JPY')).toBeNull();
    expect(parseMinor('0', 'BDT')).toBeNull();
    expect(parseMinor('-5', 'BDT')).toBeNull();
    expect(parseMinor('12a', 'BDT')).toBeNull();
    expect(parseMinor('', 'BDT')).toBeNull();
    expect(parseMinor('5', 'U')).toBeNull(); // a currency half typed
    expect(parseMinor('5', 'XYZ1')).toBeNull();
    expect(parseMinor('90071992547409.92', 'USD')).toBeNull();
    expect(parseMinor('90071992547409.91', 'USD')).toBe(Number.MAX_SAFE_INTEGER);
  });
});
