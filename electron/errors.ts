import type { AppErrorData, ErrorCode } from '../shared/result.js';

/**
 * The one error type the core throws on purpose. The API layer turns it into a
 * result envelope; anything else becomes INTERNAL (and is logged, redacted).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
