/**
 * The contract is typed end to end: `core.call` answers a call's own output
 * type, a wrong input or an unknown name does not compile (`npm run typecheck`
 * fails on an unused @ts-expect-error), and an error's details have the shape
 * its code fixes. At run time the same wrong inputs are refused by the schema,
 * as they are for the doors, which receive any name.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { AppError } from '../../electron/errors.js';
import type { AppErrorData, AppErrorOf, Result } from '../../shared/result.js';
import type { Account, CertificateInfo, SyncStatus } from '../../shared/types.js';
import { createTestCore, type TestCore } from '../support/core.js';

describe('the typed API', () => {
  let t: TestCore;
  beforeAll(() => {
    t = createTestCore();
  });
  afterAll(() => t?.close());

  it("types accounts.add's answer as Result<Account>", async () => {
    const answer = t.core.call('accounts.add', {
      email: 'not an address',
      provider: 'custom',
      password: 'secret',
      imap: { host: '127.0.0.1', port: 143, security: 'plain', user: 'alice' },
    });
    expectTypeOf(answer).toEqualTypeOf<Promise<Result<Account>>>();
    expectTypeOf(t.core.call('sync.status', {})).toEqualTypeOf<Promise<Result<SyncStatus[]>>>();
    // The schema still checks what the types let through (an address is more than a string).
    expect(await answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('does not compile a wrong input or an unknown call, and refuses them at run time', async () => {
    // @ts-expect-error accounts.add takes a draft, not an account id
    const wrongInput = await t.core.call('accounts.add', { id: 'a1' });
    expect(wrongInput).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // @ts-expect-error there is no call of that name
    const unknown = await t.core.call('accounts.delete', { id: 'a1' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    // The doors' entry takes any name, and answers the same.
    expectTypeOf(t.core.callUnchecked).parameter(0).toEqualTypeOf<string>();
    expect(await t.core.callUnchecked('accounts.delete', {})).toEqual(unknown);
  });

  it('gives each error code its own details, read without casts', () => {
    expectTypeOf<AppErrorOf<'PASSWORD_REQUIRED'>['details']>().toEqualTypeOf<{
      field: 'password' | 'smtpPassword';
      server: string;
    }>();
    expectTypeOf<AppErrorOf<'PLAIN_NOT_ALLOWED'>['details']>().toEqualTypeOf<undefined>();
    const error = new AppError('TLS_CERT_UNTRUSTED', 'untrusted', { reason: 'SELF_SIGNED' });
    const data: AppErrorData = error.toData();
    if (data.code === 'TLS_CERT_UNTRUSTED')
      expectTypeOf(data.details.certificate).toEqualTypeOf<CertificateInfo | undefined>();
    expect(data).toEqual({
      code: 'TLS_CERT_UNTRUSTED',
      message: 'untrusted',
      details: { reason: 'SELF_SIGNED' },
    });
    // @ts-expect-error PASSWORD_REQUIRED always names the field and the server
    expect(new AppError('PASSWORD_REQUIRED', 'enter it').details).toBeUndefined();
    // @ts-expect-error these are INVALID_INPUT's details, not PASSWORD_REQUIRED's
    void new AppError('PASSWORD_REQUIRED', 'enter it', { issues: [] });
  });
});
