// Errors that services raise for callers (API routes, server actions) to turn into
// `{ error: { code, message, details? } }` with the right HTTP status (design.md §7).
export class ServiceError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const badRequest = (message: string, details?: unknown) => new ServiceError(400, 'BadRequest', message, details);
export const notFound = (what: string) => new ServiceError(404, 'NotFound', `${what} was not found`);
export const forbidden = (message = 'You do not have permission to do this') => new ServiceError(403, 'Forbidden', message);
export const unauthorized = (message = 'Sign in first') => new ServiceError(401, 'Unauthorized', message);

export function isServiceError(e: unknown): e is ServiceError {
  return e instanceof ServiceError;
}

/** zod issues → a readable message plus structured details. */
export function fromZodIssues(issues: { path: PropertyKey[]; message: string }[]): ServiceError {
  const details = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const message = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
  return badRequest(message || 'Invalid input', details);
}
