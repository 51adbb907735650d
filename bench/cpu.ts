/**
 * CPU time of one test Dovecot instance (its master, live children and the
 * children it has reaped), from /proc: shows whether a phase made the server
 * work harder or the client. Linux only; undefined elsewhere.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DovecotServer } from '../test/servers/dovecot.js';

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

export function dovecotCpuMs(server: DovecotServer): number | undefined {
  const group = instanceGroup(server);
  if (group === undefined) return undefined;
  let ticks = 0;
  for (const { fields } of group) {
    // utime, stime, cutime, cstime: fields 14-17 of stat, 11-14 after "pid (comm)".
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * Waits (up to `timeoutMs`) until the instance runs no imap session process:
 * a session's process goes on working (cache and index updates) after its
 * client has gone, and that work must not land in the next measurement.
 */
export async function settleDovecot(server: DovecotServer, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const group = instanceGroup(server);
    if (group === undefined) return false;
    if (!group.some((p) => p.comm === 'imap' && p.fields[0] !== 'Z')) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The processes of one Dovecot instance: its master's process group. */
function instanceGroup(
  server: DovecotServer,
): Array<{ comm: string; fields: string[] }> | undefined {
  // Each instance runs `dovecot -F -c <its dir>/dovecot-N.conf` as a process-group leader.
  const dir = path.dirname(path.dirname(server.logFile));
  const master = findProcess((cmdline) => cmdline.includes(`${dir}/dovecot-`));
  if (master === undefined) return undefined;
  const group: Array<{ comm: string; fields: string[] }> = [];
  for (const pid of pids()) {
    const stat = readStat(pid);
    if (stat !== undefined && Number(stat.fields[2]) === master) group.push(stat);
  }
  return group;
}

function pids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((e) => /^\d+$/.test(e))
      .map(Number);
  } catch {
    return [];
  }
}

function findProcess(match: (cmdline: string) => boolean): number | undefined {
  for (const pid of pids()) {
    try {
      if (match(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '))) return pid;
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** /proc/<pid>/stat: the command name and the fields after it ([state, ppid, pgrp, ...]). */
function readStat(pid: number): { comm: string; fields: string[] } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, close),
      fields: stat.slice(close + 2).split(' '),
    };
  } catch {
    return undefined;
  }
}

/** Runs `work` and returns its result with the Dovecot CPU (ms) spent meanwhile, when /proc tells. */
export async function withServerCpu<T>(
  server: DovecotServer,
  work: () => Promise<T>,
): Promise<[T, number | undefined]> {
  const before = dovecotCpuMs(server);
  const result = await work();
  const after = dovecotCpuMs(server);
  return [result, before === undefined || after === undefined ? undefined : after - before];
}

/** "CPU: client 1.2 s, Dovecot 0.8 s" for the notes under the table. */
export function cpuNote(clientMs: number | undefined, dovecotMs: number | undefined): string {
  const s = (ms: number | undefined) => (ms === undefined ? '?' : (ms / 1000).toFixed(2));
  return `CPU: client ${s(clientMs)} s, Dovecot ${s(dovecotMs)} s`;
}
