/**
 * Message bodies the preview has already read, by message id: a source never
 * changes once kept, so going back to a message costs no call. Bounded, oldest
 * dropped first.
 */
import { useEffect, useState } from 'react';
import type { MessageBody } from '../../../shared/api/preview.js';
import type { AppErrorData } from '../../../shared/result.js';
import { useApi } from '../api/ApiContext.js';

const KEPT_BODIES = 50;
const bodies = new Map<number, MessageBody>();

function remember(body: MessageBody) {
  bodies.delete(body.messageId);
  bodies.set(body.messageId, body);
  if (bodies.size > KEPT_BODIES) bodies.delete(bodies.keys().next().value!);
}

export interface BodyState {
  body: MessageBody | null;
  error: AppErrorData | null;
}

/** The body of a message: from the cache, or asked of the core once. */
export function useMessageBody(messageId: number): BodyState {
  const api = useApi();
  const [answer, setAnswer] = useState<{ id: number; state: BodyState } | null>(null);
  const cached = bodies.get(messageId);

  useEffect(() => {
    if (bodies.has(messageId)) return;
    let current = true;
    void api.call('messages.body', { id: messageId }).then((result) => {
      if (result.ok) remember(result.value);
      if (!current) return;
      setAnswer({
        id: messageId,
        state: result.ok
          ? { body: result.value, error: null }
          : { body: null, error: result.error },
      });
    });
    return () => {
      current = false;
    };
  }, [api, messageId]);

  if (cached) return { body: cached, error: null };
  if (answer?.id === messageId) return answer.state;
  return { body: null, error: null };
}
