import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { WebhookVerifier } from '@travobooks/client';
import { connect, issued, noServer, unique } from './support.js';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('a webhook delivery from the server', { skip: noServer }, () => {
  it('arrives signed with the secret shown at registration, and the verifier knows it', async () => {
    const received: Delivery[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => { body += chunk; });
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.statusCode = 204;
        response.end();
      });
    });
    await new Promise<void>(listening => receiver.listen(0, '127.0.0.1', listening));
    try {
      const client = connect();
      const port = (receiver.address() as AddressInfo).port;
      const endpoint = await client.keyed(idempotencyKey => client.webhooks.registerWebhookEndpoint({
        idempotencyKey, newWebhookEndpoint: { id: unique('ep'), url: `http://127.0.0.1:${port}/hooks`,
          event_types: new Set(['booking.issued']) } }));
      assert.ok(endpoint.secret, 'the secret is shown once, at registration');

      const bookingId = unique('TS-W');
      await issued(client, bookingId);
      const deadline = Date.now() + 30_000;
      let delivery: Delivery | undefined;
      while (delivery === undefined && Date.now() < deadline) {
        delivery = received.find(d => d.body.includes(bookingId));
        if (delivery === undefined) await new Promise(tick => setTimeout(tick, 100));
      }
      assert.ok(delivery, 'the issue was delivered within 30 s');
      assert.match(delivery.body, /booking\.issued/);
      const verifier = WebhookVerifier.of(endpoint.secret);
      assert.equal(await verifier.isAuthentic(delivery.headers, delivery.body, new Date()), true);
      assert.equal(await verifier.isAuthentic(delivery.headers, delivery.body.replace(bookingId, 'TS-X'), new Date()),
        false, 'a body changed on the way');
    } finally {
      receiver.close();
    }
  });
});
