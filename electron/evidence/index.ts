/**
 * Evidence for a complaint (issue 15): DKIM kept at receipt, the case's facts,
 * the bundle (folder and ZIP with its manifest), its verification, the report.
 */
import type { JobQueue } from '../jobs/index.js';
import type { SourcesService } from '../sources/index.js';
import { createAuthenticationService, type AuthenticationService } from './authentication.js';
import type { AuthenticationStore } from './authentication.sql.js';
import type { TxtResolver } from './dkim.js';
import { createCachedResolver, systemTxtResolver } from './dns-cache.js';

export interface EvidenceServices {
  authentication: AuthenticationService;
}

export interface EvidenceOptions {
  store: AuthenticationStore;
  sources: Pick<SourcesService, 'fetch' | 'stored'>;
  jobs: Pick<JobQueue, 'run'>;
  /** DNS for DKIM keys, behind the store's cache; the system's resolver by default. */
  resolver?: TxtResolver;
}

export function createEvidenceServices(o: EvidenceOptions): EvidenceServices {
  const resolver = createCachedResolver(o.store, o.resolver ?? systemTxtResolver);
  return {
    authentication: createAuthenticationService({
      store: o.store,
      sources: o.sources,
      jobs: o.jobs,
      resolver,
    }),
  };
}

export { createAuthenticationStore, type AuthenticationStore } from './authentication.sql.js';
export type { TxtResolver } from './dkim.js';
export type { KeptAuthentication, AuthenticationService } from './authentication.js';
