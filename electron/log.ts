/**
 * A small logger that writes to the data folder's log file. Every secret the
 * core handles is registered here and scrubbed from any line before it is
 * written, so a password cannot leak through an error message or a stack.
 * One event is one line: control characters and Unicode line separators in
 * logged values are escaped, so a value (an import path) cannot forge a line.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, extra?: unknown): void;
  info(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  error(message: string, extra?: unknown): void;
  /** Registers a value that must never appear in a log line. */
  redact(secret: string): void;
}

const LOG_FILE = 'inbox-guard.log';
const REDACTED = '[redacted]';
const SHORT_ESCAPES: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };
/** Where a stack's frames start on their lines: never at column 0, where events start. */
const STACK_INDENT = '    ';

/** C0 controls (line feed included), DEL, and the Unicode line and paragraph separators. */
function breaksLines(code: number): boolean {
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
}

/** The text with every line-breaking or invisible control character written as an escape. */
export function escapeControl(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!breaksLines(code)) continue;
    out +=
      text.slice(from, i) + (SHORT_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

export function createLogger(logDir: string | null, opts: { echo?: boolean } = {}): Logger {
  const secrets = new Set<string>();
  const file = logDir ? path.join(logDir, LOG_FILE) : null;
  if (logDir) mkdirSync(logDir, { recursive: true, mode: 0o700 });

  const scrub = (text: string): string => {
    let out = text;
    for (const s of secrets) out = out.split(s).join(REDACTED);
    // Belt and braces: IMAP LOGIN / AUTH lines, should a library ever hand us one.
    return out
      .replace(/(\bLOGIN\s+\S+\s+)\S+/gi, `$1${REDACTED}`)
      .replace(/("?pass(word)?"?\s*[:=]\s*)("[^"]*"|\S+)/gi, `$1${REDACTED}`);
  };

  const write = (level: LogLevel, message: string, extra?: unknown) => {
    const detail = extra === undefined ? '' : ` ${formatExtra(extra, scrub)}`;
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${escapeControl(scrub(message))}${detail}`;
    if (file) appendFileSync(file, `${line}\n`, { mode: 0o600 });
    if (opts.echo && level !== 'debug') process.stderr.write(`${line}\n`);
  };

  return {
    debug: (m, e) => write('debug', m, e),
    info: (m, e) => write('info', m, e),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
    // A secret is scrubbed as it is, and as JSON writes it (quotes, backslashes and controls escaped).
    redact: (s) => {
      if (s.length < 3) return;
      secrets.add(s);
      secrets.add(JSON.stringify(s).slice(1, -1));
    },
  };
}

/** An extra value on the event's line; an error's stack frames follow it, indented. */
function formatExtra(extra: unknown, scrub: (text: string) => string): string {
  if (extra instanceof Error) {
    const head = `${extra.name}: ${extra.message}`;
    const stack = extra.stack ?? '';
    // The stack repeats the head; a message changed since the error was made is kept whole.
    const frames = stack.startsWith(head) ? stack.slice(head.length) : stack;
    const lines = scrub(frames)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    return [escapeControl(scrub(head)), ...lines.map((l) => STACK_INDENT + escapeControl(l))].join(
      '\n',
    );
  }
  let text: string;
  try {
    text = JSON.stringify(extra) ?? String(extra);
  } catch {
    text = String(extra);
  }
  return escapeControl(scrub(text));
}
