import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import {
  AccountType, BookingStatus, Coupon, ConversationStatus, DeliveryStatus, JournalEntryKindEnum, TravelDocumentTypeEnum,
} from '@travobooks/client';
import { LOCALES } from '../src/i18n/locales';

const catalogs = Object.entries(LOCALES)
  .map(([locale, { messages }]) => [locale, messages as Record<string, string>] as const);
const english = LOCALES.en.messages as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * Every message id the code names: any quoted word.word text whose first word is a section of the catalog
 * (`signIn.title`, `'journal.side'` passed to a helper), so a key used anywhere is checked, not only in formatMessage.
 */
function usedIds(): Set<string> {
  const sections = new Set(Object.keys(english).map((id) => id.split('.')[0]!));
  const ids = new Set<string>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/['"`]([a-z][a-zA-Z]*\.[a-zA-Z]+(?:\.[a-zA-Z]+)*)['"`]/g)) {
      if (sections.has(match[1]!.split('.')[0]!)) ids.add(match[1]!);
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
    expect(used.size).toBeGreaterThan(60);
    for (const [locale, messages] of catalogs) {
      const missing = [...used].filter((id) => !(id in messages));
      expect(missing, `missing in ${locale}`).toEqual([]);
    }
  });

  it('name every status, account type, entry kind and built-in role', () => {
    const ids = [...Object.values(BookingStatus).map((status) => `status.${status}`),
      ...Object.values(ConversationStatus).map((status) => `conversation.${status}`),
      ...Object.values(DeliveryStatus).map((status) => `delivery.${status}`),
      ...Object.values(AccountType).map((type) => `accountType.${type}`),
      ...Object.values(JournalEntryKindEnum).map((kind) => `entryKind.${kind}`),
      ...Object.values(Coupon).map((coupon) => `coupon.${coupon}`),
      ...Object.values(TravelDocumentTypeEnum).map((type) => `documentType.${type}`),
      ...['owner', 'admin', 'accountant', 'ticketing-agent', 'viewer', 'ai-agent'].map((role) => `role.${role}`)];
    for (const [locale, messages] of catalogs) {
      expect(ids.filter((id) => !(id in messages)), `missing in ${locale}`).toEqual([]);
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
