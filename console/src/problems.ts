import { TravoProblem } from '@travobooks/client';

/** What a person is told about a failure: the server's own detail when it gave one. */
export function describe(error: unknown): string {
  if (error instanceof TravoProblem) {
    return error.detail ?? error.title ?? error.code;
  }
  return error instanceof Error ? error.message : String(error);
}
