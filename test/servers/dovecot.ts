/**
 * A private, throwaway Dovecot IMAP server for tests.
 *
 * Every instance lives in its own temporary directory (config, base_dir,
 * state, logs, maildirs, a freshly generated self-signed certificate) and
 * listens on free loopback ports. Dovecot runs in the foreground as a child
 * process in its own process group; stop() ends the whole group and removes
 * the directory. A process 'exit' hook and a tiny shell watchdog make sure a
 * crashed or killed test run does not leave Dovecot behind.
 *
 * Runs as root only (Dovecot switches to the `dovecot` and `dovenull` users).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import {
  chownSync,
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runQuietly, writeSelfSignedCertificate } from './certificate.js';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users?: DovecotUser[];
  /** replaces the capability list (e.g. plain IMAP4rev1 to disable CONDSTORE/QRESYNC/MOVE) */
  capabilities?: string;
  /** false: no Sent, Drafts, Trash, Junk or Archive is created or marked (a server without a Trash) */
  specialFolders?: boolean;
}

export interface DovecotServer {
  host: '127.0.0.1';
  /** plain IMAP with STARTTLS available, plaintext auth allowed */
  port: number;
  /** implicit TLS (imaps) */
  tlsPort: number;
  /** the throwaway self-signed cert (CN=localhost, SAN DNS:localhost, IP:127.0.0.1) */
  certPem: string;
  /** 'AA:BB:...' uppercase colon-separated, as Node's X509Certificate.fingerprint256 */
  fingerprint256: string;
  users: DovecotUser[];
  /** Dovecot's log file (useful when a test fails). */
  logFile: string;
  /**
   * Writes raw messages straight into the user's maildir folder (creating it;
   * 'INBOX' or e.g. 'Sent', 'Archive/2024'), chowned to dovecot. UIDs follow
   * the order of `messages`. Unseen messages go to new/, seen ones to cur/
   * with the S flag.
   */
  addMessages(
    user: string,
    folder: string,
    messages: Array<string | Buffer>,
    opts?: AddMessagesOptions,
  ): Promise<void>;
  /** The root of the user's maildir (that is, INBOX). */
  maildir(user: string): string;
  /** Changes a user's password (Dovecot reads its password file again at the next login). */
  setPassword(user: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

export interface AddMessagesOptions {
  seen?: boolean;
  /**
   * Each file's time set to the message's Date header, which Dovecot reports as its INTERNALDATE:
   * as delivered mail has it (the default is the time of writing, the same for every message).
   */
  receivedAtDate?: boolean;
}

const DOVECOT_BIN = '/usr/sbin/dovecot';
const IMAP_BIN = '/usr/lib/dovecot/imap';
const DEFAULT_USERS: DovecotUser[] = [
  { user: 'alice', password: 'alice-secret-pw' },
  { user: 'bob', password: 'bob-secret-pw' },
];
const SPECIAL_USE: Array<[string, string]> = [
  ['Sent', '\\Sent'],
  ['Drafts', '\\Drafts'],
  ['Trash', '\\Trash'],
  ['Junk', '\\Junk'],
  ['Archive', '\\Archive'],
];
/** Unix socket paths are limited to 108 bytes; Dovecot's longest is about 40 below base_dir. */
const MAX_BASE_DIR = 60;
const START_TIMEOUT_MS = 20_000;

/** Why Dovecot tests cannot run here, or undefined when they can. */
export function dovecotUnavailableReason(): string | undefined {
  if (!existsSync(DOVECOT_BIN)) {
    return `${DOVECOT_BIN} is absent (apt-get install -y dovecot-imapd)`;
  }
  if (!existsSync(IMAP_BIN)) return `${IMAP_BIN} is absent (apt-get install -y dovecot-imapd)`;
  if (process.getuid?.() !== 0) return 'the private Dovecot instance must be started as root';
  if (lookupUser('dovecot') === undefined) return 'the system user "dovecot" does not exist';
  if (lookupUser('dovenull') === undefined) return 'the system user "dovenull" does not exist';
  if (spawnSync('openssl', ['version'], { stdio: 'ignore' }).status !== 0) {
    return 'openssl is not on PATH';
  }
  return undefined;
}

/** false when /usr/sbin/dovecot is absent (or cannot run here), so tests can print why they skip */
export function dovecotAvailable(): boolean {
  return dovecotUnavailableReason() === undefined;
}

export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotServer> {
  const reason = dovecotUnavailableReason();
  if (reason !== undefined) throw new Error(`Dovecot unavailable: ${reason}`);
  const users = (options.users ?? DEFAULT_USERS).map((u) => ({ ...u }));
  validate(users, options.capabilities);
  const owner = lookupUser('dovecot');
  if (owner === undefined) throw new Error('no dovecot user');

  const dir = await mkdtemp(path.join(os.tmpdir(), 'igdc-'));
  let ok = false;
  try {
    if (/[\s"'\\#]/.test(dir)) throw new Error(`temp dir path unusable in dovecot.conf: ${dir}`);
    if (path.join(dir, 'run').length > MAX_BASE_DIR) {
      throw new Error(`temp dir path too long for Dovecot's unix sockets (set TMPDIR): ${dir}`);
    }
    // mkdtemp gives 0700; the imap processes (uid dovecot) must traverse it.
    await chmod(dir, 0o755);
    for (const sub of ['run', 'state', 'logs', 'mail', 'home']) {
      await mkdir(path.join(dir, sub), { mode: 0o755 });
    }
    for (const { user } of users) {
      for (const sub of ['mail', 'home']) {
        const p = path.join(dir, sub, user);
        await mkdir(p, { mode: 0o700 });
        await chown(p, owner.uid, owner.gid);
      }
    }
    const certPem = await makeCertificate(dir);
    const fingerprint256 = new X509Certificate(certPem).fingerprint256;
    await writePasswd(dir, users, owner);

    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const [port, tlsPort] = await freePortPair();
      const confPath = path.join(dir, `dovecot-${attempt}.conf`);
      await writeFile(confPath, config(dir, port, tlsPort, options), { mode: 0o600 });
      try {
        const proc = await launch(dir, confPath, port);
        ok = true;
        return makeServer(dir, proc, port, tlsPort, certPem, fingerprint256, users, owner);
      } catch (err) {
        lastError = err;
        // Another process may have taken a port between probing and binding: retry.
        if (!/Address already in use/i.test(String(err))) break;
      }
    }
    throw lastError;
  } finally {
    if (!ok) await rm(dir, { recursive: true, force: true });
  }
}

interface Running {
  child: ChildProcess;
  pgid: number;
  watchdog: ChildProcess;
}

/** Live instances, so the 'exit' hook can end them synchronously. */
const live = new Map<number, { dir: string; watchdogPid: number | undefined }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [pgid, { dir, watchdogPid }] of live) {
      killQuietly(-pgid, 'SIGKILL');
      if (watchdogPid !== undefined) killQuietly(-watchdogPid, 'SIGKILL');
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort while exiting
      }
    }
    live.clear();
  });
}

async function launch(dir: string, confPath: string, port: number): Promise<Running> {
  const logFile = path.join(dir, 'logs', 'dovecot.log');
  // detached: Dovecot gets its own process group (pgid = master pid), so every
  // process of this instance, and none other, can be signalled at once.
  const child = spawn(DOVECOT_BIN, ['-F', '-c', confPath], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `dovecot exited (code ${code}, signal ${signal})`;
      resolve();
    });
    child.once('error', (err) => {
      exited = `dovecot failed to start: ${err.message}`;
      resolve();
    });
  });
  const pgid = child.pid;
  if (pgid === undefined) {
    await exitPromise;
    throw new Error(exited ?? 'dovecot failed to start');
  }
  installExitHook();
  // The watchdog ends this instance (and removes its directory) if the test
  // process disappears without running its 'exit' hook (SIGKILL, a killed
  // vitest worker). `dir` holds no quote or space (checked in startDovecot).
  // (`kill -SIG -PGID` without `--`: dash, the Debian sh, rejects `--`.)
  const watchdog = spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pgid} 2>/dev/null; do sleep 1; done; ` +
        `kill -TERM -${pgid} 2>/dev/null; sleep 2; kill -KILL -${pgid} 2>/dev/null; ` +
        `rm -rf '${dir}'`,
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  live.set(pgid, { dir, watchdogPid: watchdog.pid });
  const running: Running = { child, pgid, watchdog };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (exited === undefined) {
    if (Date.now() > deadline) {
      await terminate(running);
      throw new Error(
        `dovecot did not greet on port ${port} in time\n${output}${readLog(logFile)}`,
      );
    }
    if (await greets(port)) return running;
    await Promise.race([sleep(100), exitPromise]);
  }
  await terminate(running);
  throw new Error(`${exited}\n${output}${readLog(logFile)}`);
}

/** True once the server sends its real greeting (not "Waiting for authentication process"). */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let buffer = '';
    const done = (result: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(false), 3_000);
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (const line of buffer.split('\r\n').slice(0, -1)) {
        if (/^\* OK \[CAPABILITY /.test(line) || /ready/i.test(line)) {
          socket.write('a LOGOUT\r\n');
          done(true);
          return;
        }
      }
    });
  });
}

async function terminate(running: Running): Promise<void> {
  const { pgid, watchdog } = running;
  // The watchdog leads its own process group (it runs `sleep`): end both.
  if (watchdog.pid !== undefined) killQuietly(-watchdog.pid, 'SIGKILL');
  // SIGTERM to the whole group: the master alone would leave its children
  // running for seconds after it exits.
  killQuietly(-pgid, 'SIGTERM');
  if (!(await waitGroupGone(pgid, 3_000))) {
    killQuietly(-pgid, 'SIGKILL');
    if (!(await waitGroupGone(pgid, 3_000))) {
      throw new Error(`dovecot processes of group ${pgid} survived SIGKILL`);
    }
  }
  live.delete(pgid);
}

/** The password file; the auth process runs as the dovecot user: it must be able to read it. */
async function writePasswd(
  dir: string,
  users: DovecotUser[],
  owner: { uid: number; gid: number },
): Promise<void> {
  const passwd = path.join(dir, 'passwd');
  await writeFile(passwd, users.map((u) => `${u.user}:{PLAIN}${u.password}\n`).join(''), {
    mode: 0o600,
  });
  await chown(passwd, owner.uid, owner.gid);
}

function makeServer(
  dir: string,
  running: Running,
  port: number,
  tlsPort: number,
  certPem: string,
  fingerprint256: string,
  users: DovecotUser[],
  owner: { uid: number; gid: number },
): DovecotServer {
  let stopping: Promise<void> | undefined;
  const maildir = (user: string): string => {
    if (!users.some((u) => u.user === user)) throw new Error(`unknown Dovecot user: ${user}`);
    return path.join(dir, 'mail', user);
  };
  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    certPem,
    fingerprint256,
    users,
    logFile: path.join(dir, 'logs', 'dovecot.log'),
    maildir,
    addMessages: (user, folder, messages, opts = {}) =>
      writeMaildir(maildir(user), folder, messages, opts, owner),
    async setPassword(user, password) {
      maildir(user); // throws for an unknown user
      for (const u of users) if (u.user === user) u.password = password;
      await writePasswd(dir, users, owner);
    },
    stop: () => {
      stopping ??= (async () => {
        await terminate(running);
        await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

// ---------------------------------------------------------------- maildir

let delivery = 0;
const hostname = os.hostname().replace(/[/:.,\s]/g, '_') || 'localhost';

async function writeMaildir(
  root: string,
  folder: string,
  messages: Array<string | Buffer>,
  opts: AddMessagesOptions,
  owner: { uid: number; gid: number },
): Promise<void> {
  const seen = opts.seen === true;
  const box = await ensureMailbox(root, folder, owner);
  const seconds = Math.floor(Date.now() / 1000);
  const target = path.join(box, seen ? 'cur' : 'new');
  const tmp = path.join(box, 'tmp');
  // Names sort (by Dovecot's maildir_filename_sort_cmp) in the order given, so
  // UIDs follow the array order: same seconds, zero-padded delivery counter.
  const jobs = messages.map((message) => {
    const data = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
    const n = String(++delivery).padStart(10, '0');
    const base = `${seconds}.P${process.pid}_${n}.${hostname},S=${data.length},W=${virtualSize(data)}`;
    return { data, base, final: seen ? `${base}:2,S` : base };
  });
  // Synchronous calls in slices, yielding to the event loop in between: file
  // creation is kernel-bound, and the libuv thread pool only adds overhead.
  for (let start = 0; start < jobs.length; start += 500) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const job of jobs.slice(start, start + 500)) {
      const tmpPath = path.join(tmp, job.base);
      // Maildir delivery: write in tmp/, chown, then rename into place, so
      // Dovecot never sees a partial or root-owned file.
      writeFileSync(tmpPath, job.data, { mode: 0o600 });
      chownSync(tmpPath, owner.uid, owner.gid);
      const received = opts.receivedAtDate ? dateHeaderSeconds(job.data) : null;
      if (received !== null) utimesSync(tmpPath, received, received);
      renameSync(tmpPath, path.join(target, job.final));
    }
  }
}

/** The message's Date header in epoch seconds, or null (none, or unreadable). */
function dateHeaderSeconds(data: Buffer): number | null {
  const head = data.subarray(0, 16_384).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const m = /(?:^|\n)Date:[ \t]*([^\r\n]+)/i.exec(end === -1 ? head : head.slice(0, end));
  const ms = m ? Date.parse(m[1]!) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** Size with every bare LF counted as CRLF (Dovecot's W= "virtual size"). */
function virtualSize(data: Buffer): number {
  let bare = 0;
  let from = 0;
  for (;;) {
    const i = data.indexOf(10, from);
    if (i < 0) break;
    if (i === 0 || data[i - 1] !== 13) bare++;
    from = i + 1;
  }
  return data.length + bare;
}

/** Creates (if needed) the maildir of `folder` under LAYOUT=fs and returns its path. */
async function ensureMailbox(
  root: string,
  folder: string,
  owner: { uid: number; gid: number },
): Promise<string> {
  const segments = folder.toUpperCase() === 'INBOX' ? [] : folder.split('/');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s === 'cur' || s === 'new' || s === 'tmp') {
      throw new Error(`unusable folder name: ${JSON.stringify(folder)}`);
    }
  }
  let box = root;
  for (const segment of segments) {
    box = path.join(box, encodeModifiedUtf7(segment));
    await mkdirOwned(box, owner);
  }
  for (const sub of ['cur', 'new', 'tmp']) await mkdirOwned(path.join(box, sub), owner);
  return box;
}

async function mkdirOwned(p: string, owner: { uid: number; gid: number }): Promise<void> {
  if ((await mkdir(p, { mode: 0o700, recursive: true })) !== undefined) {
    await chown(p, owner.uid, owner.gid);
  }
}

/** RFC 3501 modified UTF-7, as Dovecot names mailbox directories on disk. */
function encodeModifiedUtf7(name: string): string {
  let out = '';
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    const utf16 = Buffer.alloc(pending.length * 2);
    for (let i = 0; i < pending.length; i++) utf16.writeUInt16BE(pending.charCodeAt(i), i * 2);
    out += `&${utf16.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    pending = '';
  };
  for (const ch of name) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) {
      flush();
      out += ch === '&' ? '&-' : ch;
    } else {
      pending += ch;
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------- helpers

function config(dir: string, port: number, tlsPort: number, options: DovecotOptions): string {
  const { capabilities } = options;
  const special = options.specialFolders === false ? [] : SPECIAL_USE;
  const mailboxes = special
    .map(
      ([name, flag]) =>
        `  mailbox ${name} {\n    special_use = ${flag}\n    auto = subscribe\n  }\n`,
    )
    .join('');
  return `# Generated by test/servers/dovecot.ts for one test run.
protocols = imap
listen = 127.0.0.1
instance_name = ig-${path.basename(dir)}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/logs/dovecot.log
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
first_valid_gid = 1
shutdown_clients = yes

ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
ssl_dh = <${dir}/dh.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/home/%u
}

mail_location = maildir:${dir}/mail/%u:LAYOUT=fs
namespace inbox {
  inbox = yes
  separator = /
${mailboxes}}
${capabilities === undefined ? '' : `imap_capability = ${capabilities}\n`}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
}
# No growing delay after repeated failed logins from 127.0.0.1 (tests try wrong passwords).
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

async function makeCertificate(dir: string): Promise<string> {
  const { certPem } = await writeSelfSignedCertificate(dir);
  // The RFC 7919 ffdhe2048 group: public parameters, produced instantly
  // (Dovecot 2.3 wants ssl_dh for DHE cipher suites).
  await runQuietly('openssl', [
    'genpkey',
    '-genparam',
    '-algorithm',
    'DH',
    '-pkeyopt',
    'group:ffdhe2048',
    '-out',
    path.join(dir, 'dh.pem'),
  ]);
  return certPem;
}

/** Probes two free loopback ports by binding port 0 (both held open together, so they differ). */
async function freePortPair(): Promise<[number, number]> {
  const listen = () =>
    new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  const servers = [await listen(), await listen()] as const;
  const ports: [number, number] = [
    (servers[0].address() as net.AddressInfo).port,
    (servers[1].address() as net.AddressInfo).port,
  ];
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function lookupUser(name: string): { uid: number; gid: number } | undefined {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [user, , uid, gid] = line.split(':');
      if (user === name && uid !== undefined && gid !== undefined) {
        return { uid: Number(uid), gid: Number(gid) };
      }
    }
  } catch {
    // no /etc/passwd: not a machine we can run Dovecot on
  }
  return undefined;
}

function validate(users: DovecotUser[], capabilities: string | undefined): void {
  if (users.length === 0) throw new Error('at least one Dovecot user is needed');
  for (const { user, password } of users) {
    if (!/^[A-Za-z0-9._@+-]+$/.test(user)) throw new Error(`unusable user name: ${user}`);
    if (/[:\r\n]/.test(password) || password === '') {
      throw new Error(`unusable password for ${user} (no ':' or line breaks)`);
    }
  }
  if (new Set(users.map((u) => u.user)).size !== users.length) {
    throw new Error('duplicate Dovecot user');
  }
  if (capabilities !== undefined && !/^[A-Za-z0-9 =+.-]+$/.test(capabilities)) {
    throw new Error(`unusable capability list: ${capabilities}`);
  }
}

/** Pids of every live process in process group `pgid` (from /proc). */
function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ..." where comm may hold spaces and parens
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function waitGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (groupMembers(pgid).length === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4_000);
  } catch {
    return '';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
