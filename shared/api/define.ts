/**
 * How a capability declares its calls (its contract file under shared/api/)
 * and the type of the handlers that answer them. The core composes the
 * slices: one map of calls, one handler per call.
 */
import type { z } from 'zod';

/** One call: the zod schema its input must satisfy, and the type of its output. */
export interface CallSpec<Output = unknown> {
  input: z.ZodType;
  output: Output;
}

/** A capability's calls, by name. */
export type CallMap = Record<string, CallSpec>;

/** Declares a call: `call<Output>()(inputSchema)`. */
export const call =
  <Output>() =>
  <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });

/**
 * The handlers of a slice of calls: one per call, taking the input as its
 * schema parsed it (defaults filled in), answering the call's output.
 */
export type Handlers<Calls extends CallMap> = {
  [N in keyof Calls]: (
    input: z.output<Calls[N]['input']>,
  ) => Promise<Calls[N]['output']> | Calls[N]['output'];
};

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

/** The names two or more of the slices declare. */
export type DeclaredTwice<
  Slices extends readonly object[],
  Seen = never,
> = Slices extends readonly [infer First, ...infer Rest extends readonly object[]]
  ? (keyof First & Seen) | DeclaredTwice<Rest, Seen | keyof First>
  : never;

/** The slices as one object; a name declared twice fails type-checking at the call site. */
export type Composed<Slices extends readonly object[]> = UnionToIntersection<Slices[number]>;

type DisjointSlices<Slices extends readonly object[]> = [DeclaredTwice<Slices>] extends [never]
  ? Slices
  : { declaredTwice: DeclaredTwice<Slices> };

/**
 * Joins the capabilities' call maps into one. A name declared by two slices
 * fails type-checking here, and throws if a cast let it through.
 */
export function composeCalls<const Slices extends readonly CallMap[]>(
  ...slices: Slices & DisjointSlices<Slices>
): Composed<Slices> {
  const composed: CallMap = {};
  for (const slice of slices as readonly CallMap[])
    for (const [name, spec] of Object.entries(slice)) {
      if (Object.hasOwn(composed, name)) throw new Error(`The API call ${name} is declared twice.`);
      composed[name] = spec;
    }
  return composed as Composed<Slices>;
}
