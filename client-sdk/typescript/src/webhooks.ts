/** The headers of a delivery: a fetch `Headers`, or a record such as Node's `IncomingHttpHeaders` (any case). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

const PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/**
 * For a receiver of travoBooks webhooks: checks that a delivery was signed with the endpoint's secret (Standard
 * Webhooks, `v1`: HMAC-SHA256 of `webhook-id.webhook-timestamp.body`) and is recent, so that a forged or replayed
 * request is turned away. Give it both secrets while one is rotated. Uses WebCrypto: Node 20+ and browsers.
 */
export class WebhookVerifier {
  /** How far a delivery's timestamp may be from the receiver's clock, either way, in seconds. */
  static readonly TOLERANCE_SECONDS = 5 * 60;

  private keys: Promise<CryptoKey[]> | undefined;

  private constructor(private readonly secrets: readonly Uint8Array<ArrayBuffer>[]) {
  }

  /** A verifier for these secrets, as the server showed them (`whsec_...`); throws for one that is not a secret. */
  static of(...secrets: string[]): WebhookVerifier {
    if (secrets.length === 0) {
      throw new TypeError('a verifier needs at least one secret');
    }
    return new WebhookVerifier(secrets.map(key));
  }

  /**
   * Whether the delivery with these headers and this exact body (the raw bytes received, not JSON parsed and
   * written again) is authentic and recent.
   */
  async isAuthentic(headers: WebhookHeaders, body: Uint8Array | ArrayBuffer | string,
    now: Date = new Date()): Promise<boolean> {
    const id = header(headers, 'webhook-id');
    const sent = seconds(header(headers, 'webhook-timestamp'));
    const signatures = header(headers, 'webhook-signature');
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (id === undefined || sent === undefined || signatures === undefined
      || Math.abs(nowSeconds - sent) > WebhookVerifier.TOLERANCE_SECONDS) {
      return false;
    }
    const signed = concat(new TextEncoder().encode(`${id}.${sent}.`), bytes(body));
    const given = signatures.split(' ').map(signature => new TextEncoder().encode(signature));
    let authentic = false;
    for (const key of await this.cryptoKeys()) {
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, signed));
      const expected = new TextEncoder().encode(`v1,${toBase64(mac)}`);
      // Every candidate is compared, in full, so that the time taken tells nothing about the secret.
      for (const candidate of given) {
        authentic = equal(expected, candidate) || authentic;
      }
    }
    return authentic;
  }

  private cryptoKeys(): Promise<CryptoKey[]> {
    this.keys ??= Promise.all(this.secrets.map(secret => crypto.subtle.importKey('raw', secret,
      { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])));
    return this.keys;
  }
}

function key(secret: string): Uint8Array<ArrayBuffer> {
  const base64 = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = BASE64.test(base64) ? fromBase64(base64) : new Uint8Array(0);
  if (key.length < 16 || key.length > 64) {
    throw new TypeError('a webhook secret is whsec_ and the base64 of 16 to 64 bytes');
  }
  return key;
}

/** HTTP header names are case-insensitive; a repeated header reads as its values joined by spaces. */
function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) {
      return typeof value === 'string' ? value : value.join(' ');
    }
  }
  return undefined;
}

/** Whole seconds since the epoch, as a 64-bit signed integer would hold them; undefined for anything else. */
function seconds(text: string | undefined): number | undefined {
  const trimmed = text?.trim();
  if (trimmed === undefined || !/^[+-]?\d{1,19}$/.test(trimmed)) {
    return undefined;
  }
  const value = Number(trimmed);
  // Past 2^53 the number is not exact; such a timestamp is thousands of years off anyway.
  return Number.isSafeInteger(value) ? value : undefined;
}

function bytes(body: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (typeof body === 'string') {
    return new TextEncoder().encode(body);
  }
  return body instanceof Uint8Array ? body : new Uint8Array(body);
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

/** Constant time for inputs of one length; a signature of another length is not the expected one anyway. */
function equal(expected: Uint8Array, given: Uint8Array): boolean {
  if (expected.length !== given.length) {
    return false;
  }
  let difference = 0;
  for (let i = 0; i < expected.length; i++) {
    difference |= expected[i]! ^ given[i]!;
  }
  return difference === 0;
}

function toBase64(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const data = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    data[i] = binary.charCodeAt(i);
  }
  return data;
}
