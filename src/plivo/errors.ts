// Typed API failures. They keep the status, api_id and the server's message, and never the auth token.
import { EXIT, ExitError } from '../errors.js';

export class ApiError extends ExitError {
  constructor(
    message: string,
    readonly status: number | null,
    readonly method: string,
    /** The path below the account, e.g. "Zentrunk/Trunk/123/". */
    readonly path: string,
    readonly apiId: string | null = null,
    /** The server's `error` (a string, or a field → message map). */
    readonly serverError: unknown = null,
    hint?: string,
  ) {
    super(message, EXIT.API, hint);
    this.name = 'ApiError';
  }
}

/** 401: wrong auth id or token. Exit 4. */
export class AuthError extends ApiError {
  constructor(method: string, path: string, apiId: string | null = null) {
    super(
      'authentication failed (401): the auth id or token is wrong',
      401,
      method,
      path,
      apiId,
      null,
      'Check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN (Console → API Keys).',
    );
    (this as { exitCode: number }).exitCode = EXIT.AUTH;
    this.name = 'AuthError';
  }
}

/**
 * A create whose outcome is unknown: the request may or may not have been performed (timeout, connection
 * reset, 5xx, a 2xx whose body is unreadable or lacks the id). The caller must look the object up by identity
 * before creating again. A 429 is not one of these: the rate limiter answers before doing anything, so a create
 * still throttled after its retries is a plain ApiError (status 429) and was not performed.
 */
export class LostResponseError extends ApiError {
  constructor(method: string, path: string, readonly cause_: string) {
    super(`no reliable answer to ${method} ${path} (${cause_}); the object may or may not exist`, null, method, path);
    this.name = 'LostResponseError';
  }
}
