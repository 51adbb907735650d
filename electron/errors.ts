import {
  errorData,
  type AppErrorData,
  type DetailsArgs,
  type ErrorCode,
  type ErrorDetails,
} from '../shared/result.js';

/**
 * The one error type the core throws on purpose. The API layer turns it into a
 * result envelope; anything else becomes INTERNAL (and is logged, redacted).
 * Its details have the shape shared/result.ts fixes for its code.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly details: ErrorDetails<C>;

  constructor(
    readonly code: C,
    message: string,
    ...[details]: DetailsArgs<C>
  ) {
    super(message);
    this.name = 'AppError';
    this.details = details as ErrorDetails<C>;
  }

  toData(): AppErrorData {
    return errorData(this.code, this.message, this.details);
  }
}

/** An AppError (of the given code, when one is given). */
export function isAppError<C extends ErrorCode = ErrorCode>(
  err: unknown,
  code?: C,
): err is AppError<C> {
  return err instanceof AppError && (code === undefined || err.code === code);
}

/** A failure as the UI sees it: an AppError as it is; anything else (a bug) as INTERNAL. */
export function errorDataOf(err: unknown, internalSentence: string): AppErrorData {
  return isAppError(err) ? err.toData() : { code: 'INTERNAL', message: internalSentence };
}
