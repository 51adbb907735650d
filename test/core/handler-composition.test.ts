/**
 * Every API call has exactly one handler: each capability registers its own
 * slice, and the core's composition refuses a call without a handler, a call
 * answered twice, and a handler for a call no contract declares, both when it
 * type-checks and when the core starts. Likewise the contract refuses a name
 * two capabilities declare.
 */
import { describe, expect, it } from 'vitest';
import { composeHandlers } from '../../electron/core/compose.js';
import { handlerSlices } from '../../electron/core/handlers.js';
import type { CoreServices } from '../../electron/core/services.js';
import { appCalls } from '../../shared/api/app.js';
import { composeCalls } from '../../shared/api/define.js';
import { apiCalls, type ApiCalls, type Handlers } from '../../shared/api/index.js';
import { syncCalls } from '../../shared/api/sync.js';

// The slices are only built here, never called: they use their services when a call comes.
const slices = () => handlerSlices({} as CoreServices);

describe('handler composition', () => {
  it('answers every declared call with exactly one handler', () => {
    const handlers: Handlers<ApiCalls> = composeHandlers(apiCalls, slices());
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(apiCalls).sort());
    expect(Object.values(handlers).every((h) => typeof h === 'function')).toBe(true);
    const registered = slices().flatMap((slice) => Object.keys(slice));
    expect(registered).toHaveLength(Object.keys(apiCalls).length);
  });

  it('refuses a slice that forgot a call', () => {
    const [app, settings, accounts, ...rest] = slices();
    const { 'accounts.add': _forgotten, ...forgetful } = accounts;
    const compose = () => {
      // @ts-expect-error accounts.add has no handler
      const handlers: Handlers<ApiCalls> = composeHandlers(apiCalls, [
        app,
        settings,
        forgetful,
        ...rest,
      ]);
      return handlers;
    };
    expect(compose).toThrow('No handler answers accounts.add.');
  });

  it('refuses a call answered twice, or a handler no contract declares', () => {
    const all = slices();
    const [, settings] = all;
    expect(() => composeHandlers(apiCalls, [...all, settings])).toThrow(
      'Two handlers answer settings.get.',
    );
    // rules.run, the name this test used before, is a real call since issue 13.
    const stray = { 'stray.call': () => ({ ran: 0 }) };
    expect(() => composeHandlers(apiCalls, [...all, stray])).toThrow(
      'A handler answers stray.call, which no contract in shared/api/ declares.',
    );
  });

  it('refuses a call two contracts declare', () => {
    // @ts-expect-error app.info is declared twice
    const twice = () => composeCalls(appCalls, syncCalls, appCalls);
    expect(twice).toThrow('The API call app.info is declared twice.');
  });
});
