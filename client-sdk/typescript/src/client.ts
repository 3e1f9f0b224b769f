import {
  AccountsApi, AdminApi, ApprovalsApi, BookingsApi, EventsApi, HooksApi, InboxApi, JournalApi, MetaApi, MoneyEventsApi,
  NotificationsApi, PeopleApi, ReportsApi, WebhooksApi,
} from './generated/apis/index.js';
import type { Session, SignIn } from './generated/models/index.js';
import { Configuration, type FetchAPI, type Middleware } from './generated/runtime.js';
import { call, TravoProblem } from './problem.js';
import { retryingFetch, type RetryOptions } from './retry.js';

/** How a client talks to its server. */
export interface ConnectOptions extends RetryOptions {
  /** The fetch beneath the retries (a test double, or one with a proxy); the global fetch by default. */
  readonly fetchApi?: FetchAPI;
  /** Headers sent with every request, such as a `User-Agent` in Node. */
  readonly headers?: Readonly<Record<string, string>>;
  /** More middleware of the generated client, run before the one that turns failures into problems. */
  readonly middleware?: readonly Middleware[];
}

/** A new Idempotency-Key: one per intended change, sent again with each retry of that change. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

// Every answer that is not a success, and a request that got none, reaches the caller as a TravoProblem.
const problems: Middleware = {
  async post({ response }) {
    if (response.status < 200 || response.status >= 300) {
      throw await TravoProblem.of(response);
    }
  },
  async onError({ error, response }) {
    if (response !== undefined) {
      return response; // an earlier middleware answered instead
    }
    if (error instanceof Error && error.name === 'AbortError') {
      throw error; // the caller's own doing
    }
    throw new TravoProblem({ status: 0, code: 'NO_ANSWER', detail: String(error), cause: error });
  },
};

function configuration(baseUrl: string | URL, options: ConnectOptions, bearerToken?: string): Configuration {
  return new Configuration({
    basePath: String(baseUrl).replace(/\/+$/, ''), // the operations' paths begin with a slash
    accessToken: bearerToken,
    headers: { ...options.headers },
    fetchApi: retryingFetch(options, options.fetchApi),
    middleware: [...(options.middleware ?? []), problems],
  });
}

/**
 * A client of a travoBooks server: the operations of its contract, generated from it, grouped as the contract's
 * tags are, sharing one configuration that sends a bearer credential (an API key or a session token) and retries
 * what is safe to retry. An answer that is not a success is thrown as a {@link TravoProblem}.
 */
export class TravoClient {
  readonly meta: MetaApi;
  readonly admin: AdminApi;
  readonly people: PeopleApi;
  readonly approvals: ApprovalsApi;
  readonly accounts: AccountsApi;
  readonly journal: JournalApi;
  readonly reports: ReportsApi;
  readonly bookings: BookingsApi;
  readonly moneyEvents: MoneyEventsApi;
  readonly events: EventsApi;
  readonly webhooks: WebhooksApi;
  readonly notifications: NotificationsApi;
  readonly inbox: InboxApi;
  readonly hooks: HooksApi;

  private constructor(readonly configuration: Configuration) {
    this.meta = new MetaApi(configuration);
    this.admin = new AdminApi(configuration);
    this.people = new PeopleApi(configuration);
    this.approvals = new ApprovalsApi(configuration);
    this.accounts = new AccountsApi(configuration);
    this.journal = new JournalApi(configuration);
    this.reports = new ReportsApi(configuration);
    this.bookings = new BookingsApi(configuration);
    this.moneyEvents = new MoneyEventsApi(configuration);
    this.events = new EventsApi(configuration);
    this.webhooks = new WebhooksApi(configuration);
    this.notifications = new NotificationsApi(configuration);
    this.inbox = new InboxApi(configuration);
    this.hooks = new HooksApi(configuration);
  }

  /** A client of the server at `baseUrl`, sending `bearerToken` with every request that needs a credential. */
  static connect(baseUrl: string | URL, bearerToken: string, options: ConnectOptions = {}): TravoClient {
    if (!bearerToken) {
      throw new TypeError('a client needs a bearer token');
    }
    return new TravoClient(configuration(baseUrl, options, bearerToken));
  }

  /**
   * Signs a person in with their email address, password and, where their role needs one, a TOTP or recovery
   * code: the session, and a client that sends its token. A refusal is a {@link TravoProblem}
   * (`MFA_REQUIRED` when a code is needed and was not given).
   */
  static async signIn(baseUrl: string | URL, credentials: SignIn, options: ConnectOptions = {}):
      Promise<{ client: TravoClient; session: Session }> {
    const session = await new PeopleApi(configuration(baseUrl, options)).createSession({ signIn: credentials });
    return { client: TravoClient.connect(baseUrl, session.token, options), session };
  }

  /** A new Idempotency-Key: one per intended change, sent again with each retry of that change. */
  static newIdempotencyKey(): string {
    return newIdempotencyKey();
  }

  /**
   * Runs an operation that takes an Idempotency-Key with a new one (or `key`, to repeat an earlier change):
   * `client.keyed(key => client.journal.postJournalEntry({ idempotencyKey: key, body: entry }))`.
   */
  keyed<T>(operation: (idempotencyKey: string) => Promise<T>, key: string = newIdempotencyKey()): Promise<T> {
    return call(() => operation(key));
  }

  /**
   * Runs `operation`, turning what the generated client throws for a server's answer into a {@link TravoProblem};
   * needed only for API objects made with another configuration, as this client's throw problems already.
   */
  call<T>(operation: () => Promise<T>): Promise<T> {
    return call(operation);
  }
}
