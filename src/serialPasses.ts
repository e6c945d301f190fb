import { Logger } from './logger';

export interface SerialPassesOptions {
  /** How often a pass runs on its own (it also runs at once when kicked). */
  pollMs: number;
  logger: Logger;
  /** What the log says when a pass throws (no data: a fixed message). */
  failureMessage: string;
}

/**
 * Runs an outbox's passes one at a time: on a timer, and at once when kicked because new work was stored. A
 * kick while a pass runs asks for one more pass after it, never a second pass beside it, so two passes of one
 * instance never claim the same work.
 */
export class SerialPasses {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly options: SerialPassesOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.kick();
  }

  /** Stops the timer and waits for a pass in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Runs a pass now; a pass already running runs once more instead. */
  kick(): void {
    if (this.stopped) return;
    void this.tick().catch((error: Error) => this.options.logger.error({ err: { name: error.name, message: error.message } }, this.options.failureMessage));
  }

  /** One pass now (started or not). Serialised: concurrent calls share one run. */
  tick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
