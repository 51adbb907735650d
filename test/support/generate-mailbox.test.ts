import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  generateMessages,
  generateSamples,
  generateSentMessages,
  sentMessageId,
  type MessageKind,
} from '../fixtures/generate-mailbox.js';

const digest = (messages: Iterable<Buffer>) => {
  const hash = createHash('sha256');
  for (const m of messages) hash.update(m);
  return hash.digest('hex');
};

const headerBlock = (raw: Buffer) => raw.subarray(0, raw.indexOf('\r\n\r\n') + 4);
const header = (raw: Buffer, name: string) =>
  new RegExp(`^${name}:`, 'im').test(headerBlock(raw).toString('latin1'));

describe('generate-mailbox', () => {
  it('is deterministic: same seed same bytes, a prefix of a longer run, another seed differs', () => {
    const a = digest(generateMessages(300, { seed: 7 }));
    expect(digest(generateMessages(300, { seed: 7 }))).toBe(a);
    expect(digest([...generateMessages(600, { seed: 7 })].slice(0, 300))).toBe(a);
    expect(digest(generateMessages(300, { seed: 8 }))).not.toBe(a);
  });

  it('mixes every kind, with realistic header blocks (1 to 4 KB) and small bodies', () => {
    const kinds = new Map<MessageKind, number>();
    const headerSizes: number[] = [];
    const bodySizes: number[] = [];
    for (const { kind, raw } of generateSamples(5_000, { seed: 1 })) {
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const h = headerBlock(raw).length;
      headerSizes.push(h);
      bodySizes.push(raw.length - h);
      // CRLF only, no bare LF, lines within RFC 5322's 998 limit.
      const text = raw.toString('latin1');
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(text.split('\r\n').every((line) => line.length <= 998)).toBe(true);
      // Bodies are quoted-printable or base64: lines within 76 characters.
      const body = text.slice(h).split('\r\n');
      expect(body.filter((line) => line.length > 76)).toEqual([]);
    }
    expect([...kinds.keys()].sort()).toEqual(
      [
        'brevo',
        'hubspot',
        'lemlist',
        'list',
        'mailchimp',
        'mailjet',
        'personal',
        'salesforce',
        'sendgrid',
        'ses',
        'transactional',
      ].sort(),
    );
    for (const n of kinds.values()) expect(n).toBeGreaterThan(150);
    headerSizes.sort((x, y) => x - y);
    bodySizes.sort((x, y) => x - y);
    const pct = (a: number[], p: number) => a[Math.floor((a.length - 1) * p)]!;
    expect(pct(headerSizes, 0)).toBeGreaterThanOrEqual(1_000);
    expect(pct(headerSizes, 0.9)).toBeLessThanOrEqual(4_096);
    expect(pct(headerSizes, 1)).toBeLessThanOrEqual(6_000);
    expect(pct(bodySizes, 0)).toBeGreaterThanOrEqual(100);
    expect(pct(bodySizes, 0.5)).toBeGreaterThanOrEqual(400);
    expect(pct(bodySizes, 1)).toBeLessThanOrEqual(8_000);
  });

  it('carries each platform’s marks and parses cleanly, encoded subjects included', async () => {
    const samples = [...generateSamples(400, { seed: 3, identities: ['bob@exemple.org'] })];
    const marks: Partial<Record<MessageKind, RegExp>> = {
      mailchimp: /mcdlv\.net|list-id\.mcsv\.net/,
      brevo: /X-Mailin-EID/,
      sendgrid: /X-SG-EID/,
      ses: /amazonses\.com/,
      mailjet: /X-MJ-Mid/,
      hubspot: /hubspotemail\.net/,
      salesforce: /X-SFMC-Stack/,
      lemlist: /X-Google-DKIM-Signature/,
      list: /^List-Id:/m,
    };
    let encodedSubjects = 0;
    for (const { kind, raw } of samples) {
      const head = headerBlock(raw).toString('latin1');
      const mark = marks[kind];
      if (mark) expect(head, kind).toMatch(mark);
      const marketing = !['lemlist', 'transactional', 'personal', 'list'].includes(kind);
      expect(header(raw, 'List-Unsubscribe'), kind).toBe(marketing || kind === 'list');
      expect(head).toMatch(/^DKIM-Signature:|^Authentication-Results:/m);
      if (/^Subject: .*=\?/m.test(head)) encodedSubjects++;
      const parsed = await simpleParser(raw);
      expect(parsed.subject ?? '').not.toMatch(/=\?/);
      expect(parsed.from?.value[0]?.address).toMatch(/@/);
      const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '';
      expect(to).toContain(kind === 'list' ? '@' : 'bob@exemple.org');
      expect((parsed.text ?? '').length).toBeGreaterThan(20);
      if (marketing) expect(parsed.html || '').toMatch(/<a href="https:\/\//);
    }
    expect(encodedSubjects).toBeGreaterThan(40);
  });

  it('writes a Sent folder whose Message-IDs personal replies point to', async () => {
    const sent = [...generateSentMessages(20, { seed: 5 })];
    const first = await simpleParser(sent[0]!);
    expect(first.from?.value[0]?.address).toBe('alice@exemple.fr');
    expect(first.messageId).toBe(sentMessageId(5, 0));
    const ids = new Set(sent.map((_, i) => sentMessageId(5, i)));
    const replies = [...generateSamples(500, { seed: 5, sentCount: 20 })]
      .filter((s) => s.kind === 'personal')
      .map((s) => /^In-Reply-To: (.*)$/m.exec(headerBlock(s.raw).toString('latin1'))?.[1])
      .filter((id) => id !== undefined);
    expect(replies.length).toBeGreaterThan(5);
    for (const id of replies) expect(ids.has(id!)).toBe(true);
  });

  it('is fast enough for 100k-message fixtures', () => {
    const started = performance.now();
    let bytes = 0;
    for (const raw of generateMessages(20_000, { seed: 11 })) bytes += raw.length;
    const ms = performance.now() - started;
    expect(bytes / 20_000).toBeGreaterThan(2_000);
    // Generous: a loaded 2-core runner shares the CPU with other test files.
    expect(ms).toBeLessThan(8_000);
  });
});
