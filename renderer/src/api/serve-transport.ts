/**
 * The API over the serve mode's HTTP door: calls are JSON POSTs carrying the
 * session token in a header, events an SSE stream. Failures of the transport
 * itself come back as result envelopes too, so screens handle one shape.
 */
import type { ApiInput, ApiName, ApiOutput, InboxGuardApi } from '../../../shared/api/index.js';
import { fail, type Result } from '../../../shared/result.js';
import type { CoreEvent } from '../../../shared/types.js';

export function createServeApi(token: string | null): InboxGuardApi {
  const listeners = new Set<(event: CoreEvent) => void>();
  let source: EventSource | null = null;

  function openEvents() {
    if (source || !token) return;
    // EventSource cannot send headers: the server accepts the token as a query parameter.
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      let event: CoreEvent;
      try {
        event = JSON.parse(message.data) as CoreEvent;
      } catch {
        return;
      }
      for (const listener of listeners) listener(event);
    };
  }

  return {
    async call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<Result<ApiOutput<N>>> {
      if (!token) {
        return fail('UNAUTHORIZED', 'No session token in the address.', { reason: 'no-token' });
      }
      let response: Response;
      try {
        response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-inbox-guard-token': token },
          body: JSON.stringify(input ?? {}),
        });
      } catch (err) {
        return fail('INTERNAL', `The local server did not answer: ${String(err)}`, {
          transport: 'unreachable',
        });
      }
      try {
        // The server answers every API route, even refusals, with a result envelope.
        return (await response.json()) as Result<ApiOutput<N>>;
      } catch {
        return fail(
          'INTERNAL',
          `The local server sent an unreadable answer (${response.status}).`,
          {
            transport: 'unreadable',
          },
        );
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
