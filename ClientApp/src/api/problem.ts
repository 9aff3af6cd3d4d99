import { ApiException } from './generated/virtuops-api';

/** An API failure in the shape the UI renders; `status` is 0 when the server was not reached. */
export interface Problem {
  title: string;
  status: number;
  detail?: string;
  traceId?: string;
  /** Seconds to wait before trying again (a 429's Retry-After, see client.ts). */
  retryAfterSeconds?: number;
  /** Messages per field, keyed by the camelCased field name used in forms. */
  fieldErrors: Record<string, string[]>;
  /** A stable machine-readable reason, e.g. Paylov's `invalid_otp` or `card_is_blocked`. */
  code?: string;
  /** After a wrong SMS code: how many more may be tried. */
  attemptsLeft?: number;
}

interface ProblemDetailsLike {
  title?: unknown;
  status?: unknown;
  detail?: unknown;
  traceId?: unknown;
  errors?: unknown;
  retryAfter?: unknown;
  code?: unknown;
  attemptsLeft?: unknown;
}

export function toProblem(error: unknown): Problem {
  if (error instanceof ApiException) {
    const body = parseJson(error.response);
    return isProblemDetails(body)
      ? fromProblemDetails(body, error.status)
      : { title: error.message, status: error.status, fieldErrors: {} };
  }
  // NSwag throws the parsed body itself for responses the API declares (e.g. 400).
  if (isProblemDetails(error)) {
    return fromProblemDetails(error, 0);
  }
  // fetch rejects with a TypeError when the network or the server is unreachable.
  const title = error instanceof Error ? error.message : String(error);
  return { title, status: 0, fieldErrors: {} };
}

/** `FullName` and `Contacts[0].PhoneNumber` become `fullName` and `contacts[0].phoneNumber`. */
export function toFieldName(serverName: string): string {
  return serverName
    .split('.')
    .map((segment) => segment.charAt(0).toLowerCase() + segment.slice(1))
    .join('.');
}

function fromProblemDetails(body: ProblemDetailsLike, fallbackStatus: number): Problem {
  const problem: Problem = {
    title: typeof body.title === 'string' ? body.title : '',
    status: typeof body.status === 'number' ? body.status : fallbackStatus,
    fieldErrors: toFieldErrors(body.errors),
  };
  if (typeof body.detail === 'string') problem.detail = body.detail;
  if (typeof body.traceId === 'string') problem.traceId = body.traceId;
  if (typeof body.retryAfter === 'number') problem.retryAfterSeconds = body.retryAfter;
  if (typeof body.code === 'string') problem.code = body.code;
  if (typeof body.attemptsLeft === 'number') problem.attemptsLeft = body.attemptsLeft;
  return problem;
}

function toFieldErrors(errors: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!isObject(errors)) return result;
  for (const [serverName, messages] of Object.entries(errors)) {
    const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
    const name = toFieldName(serverName);
    result[name] = [...(result[name] ?? []), ...list];
  }
  return result;
}

function isProblemDetails(value: unknown): value is ProblemDetailsLike {
  return (
    isObject(value) &&
    (typeof value.status === 'number' || typeof value.title === 'string' || isObject(value.errors))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
