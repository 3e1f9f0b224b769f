import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES } from '../src/i18n/locales';

const catalogs = Object.entries(LOCALES).map(([locale, { messages }]) => [locale, messages as Record<string, string>] as const);
const english = LOCALES.en.messages as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every message id the code names: `id: '...'`, and the ids listed as message ids in constants. */
function usedIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bid: '([a-zA-Z]+\.[a-zA-Z.]+)'/g)) ids.add(match[1]!);
    for (const match of text.matchAll(/label: '([a-zA-Z]+\.[a-zA-Z.]+)'/g)) ids.add(match[1]!);
    for (const match of text.matchAll(/'((?:signIn|mfa|bookings|trialBalance|nav|common|app)\.[a-zA-Z.]+)'/g)) {
      ids.add(match[1]!);
    }
  }
  return ids;
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)/g)].map((match) => match[1]!).sort();
}

describe('the message catalogs', () => {
  it('name the same keys in every language', () => {
    for (const [locale, messages] of catalogs) {
      expect(Object.keys(messages).sort(), locale).toEqual(Object.keys(english).sort());
    }
  });

  it('hold every key the code uses', () => {
    const used = usedIds();
    expect(used.size).toBeGreaterThan(30);
    for (const [locale, messages] of catalogs) {
      const missing = [...used].filter((id) => !(id in messages));
      expect(missing, `missing in ${locale}`).toEqual([]);
    }
  });

  it('are valid ICU messages with the same placeholders as English', () => {
    for (const [locale, messages] of catalogs) {
      for (const [id, message] of Object.entries(messages)) {
        expect(() => new IntlMessageFormat(message, locale), `${locale} ${id}`).not.toThrow();
        expect(placeholders(message), `${locale} ${id}`).toEqual(placeholders(english[id]!));
        expect(message.trim(), `${locale} ${id}`).not.toBe('');
      }
    }
  });
});
