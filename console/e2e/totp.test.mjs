// The code generator against RFC 6238's own test vectors (SHA-1, secret "12345678901234567890").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { totp } from './totp.mjs';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890" in Base32

test('RFC 6238 vectors', () => {
  assert.equal(totp(SECRET, 0, 59_000), '287082');
  assert.equal(totp(SECRET, 0, 1_111_111_109_000), '081804');
  assert.equal(totp(SECRET, 0, 1_234_567_890_000), '005924');
  assert.equal(totp(SECRET, 0, 20_000_000_000_000), '353130');
});
