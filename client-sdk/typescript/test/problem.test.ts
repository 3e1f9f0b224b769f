import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, Configuration, JournalApi, RequiredError, ResponseError, TravoProblem } from '@travobooks/client';

function answer(status: number, body: string, headers: Record<string, string> = {}): ResponseError {
  return new ResponseError(new Response(body, { status, headers }), 'Response returned an error code');
}

describe('problems', () => {
  it('are read from what the generated client throws for an answer that is not a success', async () => {
    const problem = JSON.stringify({ type: 'about:blank', title: 'Invalid', status: 400, code: 'INVALID_REQUEST',
      detail: '1 field is invalid', request_id: 'r-1', errors: [{ field: '/lines', message: 'too few' }] });
    const error = await call(() => Promise.reject(answer(400, problem, { 'Retry-After': '7' }))).catch(e => e);
    assert.ok(error instanceof TravoProblem);
    assert.deepEqual([error.status, error.code, error.detail, error.requestId, error.retryAfter],
      [400, 'INVALID_REQUEST', '1 field is invalid', 'r-1', 7]);
    assert.deepEqual(error.errors, [{ field: '/lines', message: 'too few' }]);
    assert.match(error.message, /\/lines: too few/);

    const proxy = await TravoProblem.from(answer(502, '<html>Bad gateway</html>'));
    assert.deepEqual([proxy?.status, proxy?.code], [502, 'HTTP_502']);
  });

  it('leave alone what is no answer of the server, such as a missing argument', async () => {
    const journal = new JournalApi(new Configuration({ basePath: 'http://127.0.0.1:9' }));
    const error = await call(() => journal.getJournalEntry({ entryId: undefined as unknown as string }))
      .catch(e => e);
    assert.ok(error instanceof RequiredError);
  });
});
