/**
 * Preloaded into a serve process by serve-last-resort.test.ts: on SIGUSR2,
 * an exception and a promise rejection nobody catches, as a bug would make.
 */
process.on('SIGUSR2', () => {
  void Promise.reject(new Error('stray rejection made by the test'));
  throw new Error('stray exception made by the test');
});
