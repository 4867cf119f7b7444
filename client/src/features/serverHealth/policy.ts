// When to restart a crashed language server: up to `maxRestarts` times within `windowMs`, then stop
// (a server that crashes in a loop would otherwise eat the CPU and flood the user). Pure, for tests.
export interface RestartPolicyOptions {
  maxRestarts?: number;
  windowMs?: number;
  now?: () => number;
}

export type RestartDecision =
  /** Restart, and tell the user (first restart of the session only). */
  | { action: 'restart'; notify: boolean }
  /** Too many crashes in the window: stay stopped and say so. */
  | { action: 'give-up'; crashes: number; minutes: number };

export class RestartPolicy {
  readonly maxRestarts: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private crashes: number[] = [];
  private notified = false;

  constructor(opts: RestartPolicyOptions = {}) {
    this.maxRestarts = opts.maxRestarts ?? 4;
    this.windowMs = opts.windowMs ?? 3 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** The connection to the server closed unexpectedly. */
  closed(): RestartDecision {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    if (this.crashes.length > this.maxRestarts) {
      return { action: 'give-up', crashes: this.crashes.length, minutes: Math.round(this.windowMs / 60_000) };
    }
    const notify = !this.notified;
    this.notified = true;
    return { action: 'restart', notify };
  }

  /** A manual restart starts the count again. */
  reset(): void {
    this.crashes = [];
  }
}
