/**
 * Where ISO 4217, which the server follows, and the browser's number formats (CLDR, which rounds some currencies
 * to whole units for display) disagree on a current currency's minor units.
 */
const ISO_DIGITS: Readonly<Record<string, number>> = {
  AFN: 2, ALL: 2, COP: 2, HUF: 2, IDR: 2, IQD: 3, IRR: 2, KPW: 2, LAK: 2, LBP: 2, MGA: 2, MMK: 2, PKR: 2, SLL: 2,
  SOS: 2, SYP: 2, YER: 2,
};

/** Whether `code` is a currency the browser knows (three letters, ISO 4217). */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) {
    return false;
  }
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** Digits after the decimal point of a currency, as ISO 4217 gives them (BDT 2, JPY 0, KWD 3, IQD 3). */
export function currencyDigits(currency: string): number {
  return ISO_DIGITS[currency]
    ?? new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * An amount in minor units in the locale's own way of writing numbers (Bengali digits in Bangla), exactly: the
 * minor units are split into whole and fraction as integers, never through a float, so no amount is rounded.
 */
export function formatMinor(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const negative = minor < 0;
  const absolute = BigInt(Math.abs(minor));
  const scale = 10n ** BigInt(digits);
  const text = `${negative ? '-' : ''}${absolute / scale}${digits > 0 ? '.' + (absolute % scale).toString()
    .padStart(digits, '0') : ''}`;
  // Intl formats a decimal string exactly (no conversion to a double) where the engine supports it.
  return new Intl.NumberFormat(locale, {
    style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(text as `${number}`);
}

/**
 * What a person typed as an amount ("1234.5", "1,234.50") in minor units of `currency`, exactly, or null when it
 * is not a positive amount (or zero, where `allowZero`) with at most the currency's decimals (3 decimals in BDT is
 * refused, not rounded).
 */
export function parseMinor(text: string, currency: string, allowZero = false): number | null {
  if (!isCurrency(currency)) {
    return null;
  }
  const digits = currencyDigits(currency);
  const plain = text.trim().replaceAll(',', '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(plain);
  if (match === null || (match[2] ?? '').length > digits) {
    return null;
  }
  const minor = BigInt(match[1]!) * 10n ** BigInt(digits) + BigInt((match[2] ?? '').padEnd(digits, '0') || '0');
  return (minor > 0n || (allowZero && minor === 0n)) && minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor)
    : null;
}
