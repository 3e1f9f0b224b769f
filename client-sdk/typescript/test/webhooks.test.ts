import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { WebhookVerifier } from '@travobooks/client';

const NOW = new Date('2026-12-06T10:00:00Z');
const BODY = '{"type":"booking.issued","data":{"booking_id":"bk-1"}}';

function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The headers of a delivery signed independently of the verifier, with node:crypto, by each secret. */
function signed(secrets: string[], at: Date, body: string, id = 'msg_2Q8f'): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signatures = secrets.map(secret => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  });
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}

describe('the webhook verifier', () => {
  const secret = newSecret();
  const next = newSecret();

  it('accepts the Standard Webhooks specification\'s own example', async () => {
    const verifier = WebhookVerifier.of('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const headers = new Headers({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
    const at = new Date(1614265330 * 1000);
    assert.equal(await verifier.isAuthentic(headers, '{"test": 2432232314}', at), true);
    assert.equal(await verifier.isAuthentic(headers, '{"test": 2432232315}', at), false);
  });

  it('accepts a signed delivery and turns away a changed body or another endpoint\'s secret', async () => {
    const verifier = WebhookVerifier.of(secret);
    const headers = signed([secret], NOW, BODY);
    assert.equal(await verifier.isAuthentic(headers, new TextEncoder().encode(BODY), NOW), true);
    assert.equal(await verifier.isAuthentic(headers, BODY.replace('bk-1', 'bk-2'), NOW), false);
    assert.equal(await WebhookVerifier.of(next).isAuthentic(headers, BODY, NOW), false);
  });

  it('turns away an old, early or malformed delivery, whatever the case of its headers', async () => {
    const verifier = WebhookVerifier.of(secret);
    const tolerance = WebhookVerifier.TOLERANCE_SECONDS * 1000;
    const stale = new Date(NOW.getTime() - tolerance - 1000);
    const early = new Date(NOW.getTime() + tolerance + 1000);
    const edge = new Date(NOW.getTime() - tolerance);
    assert.equal(await verifier.isAuthentic(signed([secret], stale, BODY), BODY, NOW), false, 'replayed');
    assert.equal(await verifier.isAuthentic(signed([secret], early, BODY), BODY, NOW), false, 'from the future');
    assert.equal(await verifier.isAuthentic(signed([secret], edge, BODY), BODY, NOW), true, 'just in time');

    const upper = Object.fromEntries(Object.entries(signed([secret], NOW, BODY))
      .map(([name, value]) => [name.toUpperCase(), value]));
    assert.equal(await verifier.isAuthentic(upper, BODY, NOW), true);
    const { 'webhook-id': _, ...noId } = signed([secret], NOW, BODY);
    assert.equal(await verifier.isAuthentic(noId, BODY, NOW), false);
    const absurd = { ...signed([secret], NOW, BODY), 'webhook-timestamp': '99999999999999999' };
    assert.equal(await verifier.isAuthentic(absurd, BODY, NOW), false);
    const words = { ...signed([secret], NOW, BODY), 'webhook-timestamp': 'yesterday' };
    assert.equal(await verifier.isAuthentic(words, BODY, NOW), false);
  });

  it('verifies with either secret during a rotation, and finds the right one among several signatures', async () => {
    const both = WebhookVerifier.of(secret, next);
    assert.equal(await both.isAuthentic(signed([next], NOW, BODY), BODY, NOW), true);
    assert.equal(await both.isAuthentic(signed([secret, next], NOW, BODY), BODY, NOW), true);
    const headers = signed([newSecret(), secret], NOW, BODY);
    headers['webhook-signature'] = `v2,abc ${headers['webhook-signature']}`;
    assert.equal(await WebhookVerifier.of(secret).isAuthentic(headers, BODY, NOW), true);
  });

  it('refuses at once what is not a secret', () => {
    assert.throws(() => WebhookVerifier.of(), TypeError);
    assert.throws(() => WebhookVerifier.of('whsec_'), TypeError);
    assert.throws(() => WebhookVerifier.of('whsec_not base64!'), TypeError);
    assert.throws(() => WebhookVerifier.of(`whsec_${randomBytes(8).toString('base64')}`), TypeError, 'too short');
    assert.doesNotThrow(() => WebhookVerifier.of(secret.slice('whsec_'.length)), 'the bare base64');
  });
});
