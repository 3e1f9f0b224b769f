import { FetchError, ResponseError } from './generated/runtime.js';

/** A field at fault: its JSON pointer in the request (`/lines/0/amount_minor`) or the parameter's name. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

interface ProblemFields {
  readonly status: number;
  readonly code: string;
  readonly title?: string | undefined;
  readonly detail?: string | undefined;
  readonly type?: string | undefined;
  readonly instance?: string | undefined;
  readonly requestId?: string | undefined;
  readonly errors?: readonly FieldError[];
  readonly retryAfter?: number | undefined;
  readonly cause?: unknown;
}

/**
 * An answer of the server that was not a success, as its RFC 9457 problem says: the HTTP status, the stable `code`
 * (such as `LEDGER_UNBALANCED`), the detail and the fields at fault. Branch on the code, never on the text.
 *
 * `status` is 0 when no answer came (`NO_ANSWER`) or a success could not be read (`ANSWER_UNREADABLE`: the server
 * did what was asked).
 */
export class TravoProblem extends Error {
  override readonly name = 'TravoProblem';
  readonly status: number;
  readonly code: string;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly instance: string | undefined;
  readonly requestId: string | undefined;
  readonly errors: readonly FieldError[];
  /** How long the server asked to wait before trying again, in seconds (429, 503, 409 on a key in use). */
  readonly retryAfter: number | undefined;

  constructor(fields: ProblemFields) {
    super(message(fields), fields.cause === undefined ? undefined : { cause: fields.cause });
    this.status = fields.status;
    this.code = fields.code;
    this.title = fields.title;
    this.detail = fields.detail;
    this.type = fields.type;
    this.instance = fields.instance;
    this.requestId = fields.requestId;
    this.errors = Object.freeze([...(fields.errors ?? [])]);
    this.retryAfter = fields.retryAfter;
  }

  /** The problem an answer that is not a success holds; for one that holds none, one named by its status. */
  static async of(response: Response, cause?: unknown): Promise<TravoProblem> {
    const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
    const problem = response.bodyUsed ? undefined : parse(await response.text().catch(() => ''));
    if (problem !== undefined && typeof problem['code'] === 'string') {
      return new TravoProblem({
        status: response.status,
        code: problem['code'],
        title: text(problem['title']),
        detail: text(problem['detail']),
        type: text(problem['type']),
        instance: text(problem['instance']),
        requestId: text(problem['request_id']),
        errors: fieldErrors(problem['errors']),
        retryAfter,
        cause,
      });
    }
    // An answer from something in front of the server (a proxy, a load balancer).
    return new TravoProblem({ status: response.status, code: `HTTP_${response.status}`,
      detail: 'the answer holds no problem', retryAfter, cause });
  }

  /**
   * The problem an error of the generated client stands for: a `ResponseError` (an answer that is not a success),
   * a `FetchError` (no answer) or a success whose body was not JSON. Anything else, such as the generated client's
   * `RequiredError` for a missing argument, is no answer of the server: undefined.
   */
  static async from(error: unknown): Promise<TravoProblem | undefined> {
    if (error instanceof TravoProblem) {
      return error;
    }
    if (error instanceof ResponseError) {
      return TravoProblem.of(error.response, error);
    }
    if (error instanceof FetchError) {
      return new TravoProblem({ status: 0, code: 'NO_ANSWER', detail: String(error.cause), cause: error });
    }
    if (error instanceof SyntaxError) {
      return new TravoProblem({ status: 0, code: 'ANSWER_UNREADABLE', detail: String(error), cause: error });
    }
    return undefined;
  }
}

/** Runs `operation`, turning what the generated client throws for a server's answer into a {@link TravoProblem}. */
export async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw (await TravoProblem.from(error)) ?? error;
  }
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date (RFC 9110). */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** `400 INVALID_REQUEST: 2 fields are invalid (/lines: ..., /id: ...)`: what a log needs to tell what was wrong. */
function message(fields: ProblemFields): string {
  const errors = (fields.errors ?? []).map(error => `${error.field}: ${error.message}`).join(', ');
  const detail = fields.detail ?? fields.title ?? '';
  return `${fields.status} ${fields.code}: ${detail}${errors === '' ? '' : ` (${errors})`}`;
}

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(body);
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? json as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map(item => ({ field: text(item['field']) ?? '', message: text(item['message']) ?? '' }));
}
