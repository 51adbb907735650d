/**
 * Rules follow new mail: when detection has seen an account's new messages,
 * its enabled rules run (a blocked advertiser's mail goes as it arrives).
 * One run per account at a time; mail that arrives during a run gets one
 * more run after it, never a pile of them.
 */
export type NewMailFollower = (accountId: string) => void;

export function followNewMail(
  runRules: (accountId: string) => Promise<unknown>,
  onFailure: (accountId: string, err: unknown) => void,
): NewMailFollower {
  const running = new Map<string, { again: boolean }>();
  const start = (accountId: string): void => {
    const state = { again: false };
    running.set(accountId, state);
    void runRules(accountId)
      .catch((err: unknown) => onFailure(accountId, err))
      .finally(() => {
        running.delete(accountId);
        if (state.again) start(accountId);
      });
  };
  return (accountId) => {
    const current = running.get(accountId);
    if (current) current.again = true;
    else start(accountId);
  };
}
