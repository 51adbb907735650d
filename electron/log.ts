/**
 * A small logger that writes to the data folder's log file. Every secret the
 * core handles is registered here and scrubbed from any line before it is
 * written, so a password cannot leak through an error message or a stack.
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

const REDACTED = '[redacted]';

export function createLogger(logDir: string | null, opts: { echo?: boolean } = {}): Logger {
  const secrets = new Set<string>();
  const file = logDir ? path.join(logDir, 'inbox-guard.log') : null;
  if (logDir) mkdirSync(logDir, { recursive: true });

  const scrub = (text: string): string => {
    let out = text;
    for (const s of secrets) if (s.length >= 3) out = out.split(s).join(REDACTED);
    // Belt and braces: IMAP LOGIN / AUTH lines, should a library ever hand us one.
    return out
      .replace(/(\bLOGIN\s+\S+\s+)\S+/gi, `$1${REDACTED}`)
      .replace(/("?pass(word)?"?\s*[:=]\s*)("[^"]*"|\S+)/gi, `$1${REDACTED}`);
  };

  const write = (level: LogLevel, message: string, extra?: unknown) => {
    const detail = extra === undefined ? '' : ` ${formatExtra(extra)}`;
    const line = scrub(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${detail}`);
    if (file) appendFileSync(file, `${line}\n`, { mode: 0o600 });
    if (opts.echo && level !== 'debug') process.stderr.write(`${line}\n`);
  };

  return {
    debug: (m, e) => write('debug', m, e),
    info: (m, e) => write('info', m, e),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
    redact: (s) => void secrets.add(s),
  };
}

function formatExtra(extra: unknown): string {
  if (extra instanceof Error)
    return `${extra.name}: ${extra.message}${extra.stack ? `\n${extra.stack}` : ''}`;
  try {
    return JSON.stringify(extra);
  } catch {
    return String(extra);
  }
}
