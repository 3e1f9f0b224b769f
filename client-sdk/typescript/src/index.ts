// The generated operations and models of the contract, and the hand-written facade around them.
export * from './generated/index.js';
export { TravoClient, newIdempotencyKey, type ConnectOptions } from './client.js';
export { TravoProblem, call, type FieldError } from './problem.js';
export { retryingFetch, type RetryOptions } from './retry.js';
export { outcome, type Outcome } from './outcome.js';
export { WebhookVerifier, type WebhookHeaders } from './webhooks.js';
export * as pages from './pages.js';
