/**
 * Answers API calls: validates the input with the contract's schema, runs the
 * call's handler and returns a result envelope, never a thrown object. An
 * AppError keeps its code and details; anything else is logged and becomes
 * INTERNAL.
 */
import {
  apiCalls,
  isApiName,
  type ApiCalls,
  type ApiInput,
  type ApiName,
  type ApiOutput,
  type Handlers,
} from '../../shared/api/index.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { isAppError } from '../errors.js';
import type { Logger } from '../log.js';

export interface Dispatcher {
  call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<Result<ApiOutput<N>>>;
  /** For names that arrive over a transport: an unknown one answers UNKNOWN_CALL. */
  callUnchecked(name: string, input: unknown): Promise<Result<unknown>>;
}

export function createDispatcher(handlers: Handlers<ApiCalls>, log: Logger): Dispatcher {
  // Each handler's type was checked against its call where the slices are composed.
  const byName = handlers as Record<string, (input: unknown) => unknown>;

  async function callUnchecked(name: string, input: unknown): Promise<Result<unknown>> {
    if (!isApiName(name))
      return fail('UNKNOWN_CALL', `There is no API call named ${String(name).slice(0, 80)}.`);
    const parsed = apiCalls[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      return fail('INVALID_INPUT', `${issue?.message ?? 'Invalid input'}${where}.`, {
        issues: parsed.error.issues.map((i) => ({
          path: i.path.map(String),
          message: i.message,
        })),
      });
    }
    try {
      return ok(await byName[name]!(parsed.data));
    } catch (err) {
      if (isAppError(err)) {
        log.warn(`${name} failed: ${err.code} ${err.message}`);
        return { ok: false, error: err.toData() };
      }
      log.error(`${name} failed unexpectedly`, err);
      return fail(
        'INTERNAL',
        'Something went wrong inside Inbox Guard; the details are in the log file.',
      );
    }
  }

  return {
    call: <N extends ApiName>(name: N, input: ApiInput<N>) =>
      callUnchecked(name, input) as Promise<Result<ApiOutput<N>>>,
    callUnchecked,
  };
}
