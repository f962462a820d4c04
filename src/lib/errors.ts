/**
 * Failures the caller caused, raised by domain code and turned into 4xx replies at the API
 * edge (`{ error, message, details }`). Anything else is a fault of ours (5xx).
 */
export type ErrorCode = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError('bad_request', message, details);
export const unauthorized = (message = 'authentication required') => new AppError('unauthorized', message);
export const forbidden = (message = 'you may not do this') => new AppError('forbidden', message);
export const notFound = (message = 'not found') => new AppError('not_found', message);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
