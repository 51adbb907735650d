/**
 * The case's events in order (messages received, requests sent, the deadline,
 * answers, violations), each with the bundle file it refers to: the spine of
 * timeline.csv, the report's figure and the CNIL text.
 */
import type { BundledMessage, BundledObjection } from './bundle.js';
import type { CaseFacts } from './case-facts.js';

export type TimelineKind =
  'message_received' | 'objection_sent' | 'deadline' | 'reply_received' | 'violation';

export interface TimelineEvent {
  /** ISO 8601. */
  at: string;
  kind: TimelineKind;
  /** Who and what, in a few words (a subject, a channel and its recipient). */
  summary: string;
  /** The bundle file it refers to; empty when there is none (the deadline). */
  file: string;
}

export function timelineOf(
  facts: CaseFacts,
  messages: readonly BundledMessage[],
  objections: readonly BundledObjection[],
): TimelineEvent[] {
  const events: TimelineEvent[] = [
    ...messages.map((m): TimelineEvent => ({
      at: m.detail.date ?? '',
      kind:
        m.role === 'reply'
          ? 'reply_received'
          : m.role === 'violation'
            ? 'violation'
            : 'message_received',
      summary: `${m.detail.from?.address ?? ''} — ${m.detail.subject}`,
      file: m.file ?? '',
    })),
    ...objections.map((o): TimelineEvent => ({
      at: o.sentAt,
      kind: 'objection_sent',
      summary: `${o.channel}${o.to ? ` → ${o.to}` : ''}`,
      file: o.file ?? o.proofFile ?? '',
    })),
  ];
  if (facts.deadline)
    events.push({ at: facts.deadline, kind: 'deadline', summary: 'GDPR Art. 12(3)', file: '' });
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

export function timelineCsv(events: readonly TimelineEvent[]): string {
  const rows = [
    ['date', 'event', 'summary', 'file'],
    ...events.map((e) => [e.at, e.kind, e.summary, e.file]),
  ];
  // CRLF and quotes as RFC 4180 has them, so a spreadsheet opens it as it is.
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
