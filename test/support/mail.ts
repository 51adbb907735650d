/** Small raw messages for sync tests: realistic enough headers, unique Message-IDs. */
export function testMessage(
  n: number,
  o: { from?: string; to?: string; subject?: string; extra?: string; inReplyTo?: string } = {},
): string {
  const from = o.from ?? `Sender ${n} <sender${n}@exemple.fr>`;
  return (
    `Return-Path: <bounce-${n}@exemple.fr>\r\n` +
    `Received: from mail.exemple.fr (mail.exemple.fr [192.0.2.${n % 250}])\r\n\tby mx.test with ESMTPS; Mon, 2 Nov 2026 10:00:00 +0100\r\n` +
    `From: ${from}\r\nTo: ${o.to ?? 'alice@exemple.fr'}\r\n` +
    `Subject: ${o.subject ?? `Message ${n}`}\r\nDate: Mon, 2 Nov 2026 10:${String(n % 60).padStart(2, '0')}:00 +0100\r\n` +
    `Message-ID: <msg-${n}@exemple.fr>\r\n` +
    (o.inReplyTo ? `In-Reply-To: ${o.inReplyTo}\r\nReferences: ${o.inReplyTo}\r\n` : '') +
    (o.extra ?? '') +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour ${n}\r\n`
  );
}

/** Test messages 1 to `count`, in that order. */
export function testMessages(count: number): string[] {
  return Array.from({ length: count }, (_, i) => testMessage(i + 1));
}
