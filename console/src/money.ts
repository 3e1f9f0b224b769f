/** Digits after the decimal point of a currency, as ISO 4217 gives them (BDT 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
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
 * is not a positive amount with at most the currency's decimals (3 decimals in BDT is refused, not rounded).
 */
export function parseMinor(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const plain = text.trim().replaceAll(',', '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(plain);
  if (match === null || (match[2] ?? '').length > digits) {
    return null;
  }
  const minor = BigInt(match[1]!) * 10n ** BigInt(digits) + BigInt((match[2] ?? '').padEnd(digits, '0') || '0');
  return minor > 0n && minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}
