/**
 * The per-account job queue: what must not overlap runs one at a time in the
 * order asked, a queued job can be cancelled before it starts, and the UI sees
 * every job's states and progress in order. Ordering only, never timing.
 */
import { describe, expect, it } from 'vitest';
import { createJobQueue, type JobContext } from '../../electron/jobs/index.js';
import type { CoreEvent, JobInfo } from '../../shared/types.js';

type JobEvent = Extract<CoreEvent, { type: 'job.progress' }>;

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

function queueWithEvents() {
  const events: JobEvent[] = [];
  const failures: Array<{ info: JobInfo; err: unknown }> = [];
  const queue = createJobQueue({
    emit: (e) => {
      if (e.type === 'job.progress') events.push(e);
    },
    onFailure: (info, err) => failures.push({ info, err }),
  });
  return { queue, events, failures };
}

describe('job queue', () => {
  it('runs two jobs of one account one after the other, in the order asked', async () => {
    const { queue } = queueWithEvents();
    const order: string[] = [];
    const first = gate();
    const a = queue.run('acc', 'sync', async () => {
      order.push('a start');
      await first.opened;
      order.push('a end');
      return 'a';
    });
    const b = queue.run('acc', 'rules', async () => {
      order.push('b start');
      order.push('b end');
      return 'b';
    });
    // Another account and a read-only job do not wait for the first account's sync.
    const other = queue.run('other', 'sync', async () => {
      order.push('other ran');
    });
    const read = queue.run(
      'acc',
      'source',
      async () => {
        order.push('read ran');
      },
      { concurrent: true },
    );
    await Promise.all([other.done, read.done]);
    expect(queue.list('acc').map((j) => [j.kind, j.state])).toEqual([
      ['sync', 'running'],
      ['rules', 'queued'],
    ]);
    first.open();
    expect(await Promise.all([a.done, b.done])).toEqual(['a', 'b']);
    expect(order.filter((s) => s.startsWith('a') || s.startsWith('b'))).toEqual([
      'a start',
      'a end',
      'b start',
      'b end',
    ]);
    expect(order.indexOf('other ran')).toBeLessThan(order.indexOf('a end'));
    expect(order.indexOf('read ran')).toBeLessThan(order.indexOf('a end'));
    expect(queue.list()).toEqual([]);
  });

  it('cancels a queued job: its work never runs, the next one still does', async () => {
    const { queue, events } = queueWithEvents();
    const first = gate();
    const ran: string[] = [];
    const a = queue.run('acc', 'sync', async () => {
      await first.opened;
      ran.push('a');
    });
    const b = queue.run('acc', 'move', async () => {
      ran.push('b');
    });
    const c = queue.run('acc', 'flags', async () => {
      ran.push('c');
    });
    expect(queue.cancel(b.id)).toBe(true);
    await expect(b.done).rejects.toMatchObject({ code: 'CANCELLED' });
    first.open();
    await Promise.all([a.done, c.done]);
    expect(ran).toEqual(['a', 'c']);
    expect(events.filter((e) => e.jobId === b.id).map((e) => e.state)).toEqual([
      'queued',
      'cancelled',
    ]);
    expect(queue.cancel(b.id)).toBe(false);
  });

  it('cancels a running job through its signal, and cancels by account', async () => {
    const { queue, events } = queueWithEvents();
    const running = queue.run('acc', 'sync', (ctx: JobContext) => {
      return new Promise<string>((resolve) =>
        ctx.signal.addEventListener('abort', () => resolve('stopped early')),
      );
    });
    const queued = queue.run('acc', 'rules', async () => 'never');
    const elsewhere = gate();
    const otherAccount = queue.run('other', 'sync', () => elsewhere.opened);
    expect(queue.cancelAccount('acc')).toBe(2);
    expect(await running.done).toBe('stopped early');
    await expect(queued.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(events.filter((e) => e.jobId === running.id).at(-1)?.state).toBe('cancelled');
    expect(queue.list().map((j) => j.accountId)).toEqual(['other']);
    elsewhere.open();
    await otherAccount.done;
  });

  it('reports progress events of a job in order, from queued to done', async () => {
    const { queue, events } = queueWithEvents();
    const job = queue.run('acc', 'move', async (ctx) => {
      for (let i = 1; i <= 5; i++) ctx.progress(i, 5, `batch ${i}`);
      return 5;
    });
    await job.done;
    const mine = events.filter((e) => e.jobId === job.id);
    expect(mine.map((e) => [e.state, e.done])).toEqual([
      ['queued', 0],
      ['running', 0],
      ['running', 1],
      ['running', 2],
      ['running', 3],
      ['running', 4],
      ['running', 5],
      ['done', 5],
    ]);
    expect(mine.every((e) => e.accountId === 'acc' && e.kind === 'move')).toBe(true);
    expect(mine[6]).toMatchObject({ total: 5, note: 'batch 5' });
  });

  it('a failing job is reported and does not block the account', async () => {
    const { queue, events, failures } = queueWithEvents();
    const broken = queue.run('acc', 'move', async () => {
      throw new Error('server said no');
    });
    const next = queue.run('acc', 'flags', async () => 'ran');
    await expect(broken.done).rejects.toThrow('server said no');
    expect(await next.done).toBe('ran');
    expect(events.find((e) => e.jobId === broken.id && e.state === 'failed')).toBeDefined();
    expect(failures.map((f) => f.info.id)).toEqual([broken.id]);
  });

  it('joins a job already queued or running instead of adding one', async () => {
    const { queue } = queueWithEvents();
    const first = gate();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await first.opened;
      return runs;
    };
    const join = { kinds: ['sync'], states: ['queued', 'running'] } as const;
    const a = queue.run('acc', 'sync', work, { join });
    const b = queue.run('acc', 'sync', work, { join });
    expect(b.id).toBe(a.id);
    first.open();
    expect(await b.done).toBe(1);
  });

  it('on close, cancels what is queued and waits for what runs', async () => {
    const { queue } = queueWithEvents();
    let finished = false;
    const running = queue.run('acc', 'sync', async (ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      finished = true;
    });
    const queued = queue.run('acc', 'rules', async () => undefined);
    await queue.close();
    expect(finished).toBe(true);
    await running.done;
    await expect(queued.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(() => queue.run('acc', 'sync', async () => undefined)).toThrow(/closing/);
  });
});
