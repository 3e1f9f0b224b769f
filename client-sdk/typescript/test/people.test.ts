import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TravoClient, TravoProblem } from '@travobooks/client';
import { connect, noServer, unique, url } from './support.js';

describe('a person signing in through the client', { skip: noServer }, () => {
  const admin = connect();

  it('gets a session and a client that acts as them, and a wrong password is refused', async () => {
    const email = `${unique('accountant')}@example.com`;
    const password = 'copper-lantern-drifts-41-owls';
    await admin.keyed(idempotencyKey => admin.people.createUser({ idempotencyKey, newUser: {
      email, name: 'Nadia Accountant', role: 'accountant', password } }));

    const { client, session } = await TravoClient.signIn(url, { email, password });
    assert.equal(session.user.email, email);
    assert.equal(session.mfa_setup_required, false);
    const me = await client.meta.whoAmI();
    assert.equal(me.kind, 'user');
    assert.equal(me.id, session.user.id);
    assert.equal(me.role, 'accountant');

    await assert.rejects(TravoClient.signIn(url, { email, password: 'not-the-password' }),
      (problem: unknown) => problem instanceof TravoProblem && problem.status === 401);
  });
});
