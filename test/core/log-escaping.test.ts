/**
 * One event, one line: a value that carries a line break (an import path with
 * a newline, a Unicode line separator) cannot forge a line of the log file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/log.js';

const TIMESTAMP_LINE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z /;
const FORGED = '2026-01-01T00:00:00.000Z ERROR forged';
/** Whether the text has a character that ends a line somewhere, or hides one: C0 controls, DEL, U+2028/2029. */
const hasLineBreaking = (text: string) =>
  [...text].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
  });

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function logFile(): { log: ReturnType<typeof createLogger>; read(): string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-log-'));
  dirs.push(dir);
  const log = createLogger(dir);
  return {
    log,
    read: () => readFileSync(path.join(dir, 'inbox-guard.log'), 'utf8').split('\n').slice(0, -1),
  };
}

describe('log lines cannot be forged through logged values', () => {
  it('keeps a message with line breaks and control characters on one line', () => {
    const { log, read } = logFile();
    log.info(`import of /tmp/inbox.mbox\n${FORGED}`);
    log.info(`import of /tmp/a.mbox\r${FORGED}`);
    log.info(`import of /tmp/b.mbox\u2028${FORGED}\u2029 and\u0000\u001b[2J\u007f`);
    const lines = read();
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatch(TIMESTAMP_LINE);
      expect(hasLineBreaking(line)).toBe(false);
      expect(line).toContain('forged');
    }
    // The break is still visible, escaped.
    expect(lines[0]).toContain('/tmp/inbox.mbox\\n2026-01-01T00:00:00.000Z ERROR forged');
    expect(lines[2]).toContain('\\u2028');
  });

  it('keeps an extra value on the same line, whatever it holds', () => {
    const { log, read } = logFile();
    log.warn('skipped a file', { path: `/tmp/x\n${FORGED}`, note: 'a\u2028b\u007fc\td' });
    const lines = read();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(TIMESTAMP_LINE);
    expect(hasLineBreaking(lines[0]!)).toBe(false);
  });

  it('indents an error stack, so no line of it can pass for an event', () => {
    const { log, read } = logFile();
    const err = new Error(`cannot read /tmp/y\n${FORGED}\r${FORGED}`);
    log.error('import failed', err);
    log.info('next event');
    const lines = read();
    const events = lines.filter((line) => TIMESTAMP_LINE.test(line));
    expect(events).toHaveLength(2);
    expect(events[0]).toContain('import failed');
    expect(events[1]).toContain('next event');
    // The stack is there, one frame a line, indented.
    const stack = lines.slice(1, -1);
    expect(stack.length).toBeGreaterThan(0);
    for (const line of stack) {
      expect(line).toMatch(/^\s+\S/);
      expect(hasLineBreaking(line)).toBe(false);
    }
    expect(stack.some((line) => line.includes('log-escaping.test.ts'))).toBe(true);
  });

  it('still scrubs a secret that holds a control character', () => {
    const { log, read } = logFile();
    const secret = 'pa\tss\nword';
    log.redact(secret);
    log.warn(`login refused for ${secret}`, { password: secret, again: secret });
    log.error('failed', new Error(`server said ${secret}`));
    const text = read().join('\n');
    expect(text).not.toContain('pa\\tss');
    expect(text).not.toContain('pa\tss');
    expect(text).toContain('[redacted]');
  });
});
