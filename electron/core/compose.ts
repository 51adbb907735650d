/**
 * Joins the capabilities' handler slices into the core's one map (Actual's
 * `app.combine`): every declared call must have exactly one handler, and no
 * handler may answer a call the contract does not declare. The types check
 * this where the core composes; this checks it again when the core starts.
 */
import type { CallMap, Composed } from '../../shared/api/define.js';

type AnyHandlers = Record<string, (input: never) => unknown>;

export function composeHandlers<const Slices extends readonly AnyHandlers[]>(
  calls: CallMap,
  slices: Slices,
): Composed<Slices> {
  const composed: AnyHandlers = {};
  for (const slice of slices)
    for (const [name, handler] of Object.entries(slice)) {
      if (Object.hasOwn(composed, name)) throw new Error(`Two handlers answer ${name}.`);
      if (!Object.hasOwn(calls, name))
        throw new Error(`A handler answers ${name}, which no contract in shared/api/ declares.`);
      composed[name] = handler;
    }
  const missing = Object.keys(calls).filter((name) => !Object.hasOwn(composed, name));
  if (missing.length) throw new Error(`No handler answers ${missing.join(', ')}.`);
  return composed as Composed<Slices>;
}
