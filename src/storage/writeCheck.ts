import { Clock, systemClock } from '../clock';
import { CONTAINERS } from './containers';
import { DocumentStore } from './documentStore';

/** Where the check writes: a partition of its own in `programmes`, which no query of the service reads. */
export const HEALTH_PARTITION = 'health';
export const HEALTH_DOCUMENT_ID = 'readyz';

/**
 * The store as `/readyz` checks it: reachable (`ping`) and able to write (one small last-write-wins
 * upsert), so a full disk or a read-only store reports not ready. The outcome is kept for `cacheMs`, so
 * a probe every second costs one write every few seconds whatever the number of callers.
 */
export class StoreWriteCheck {
  readonly name = 'store';
  private readonly clock: Clock;
  private readonly cacheMs: number;
  private last?: { at: number; error?: Error };
  private running?: Promise<void>;

  constructor(
    private readonly store: DocumentStore,
    options: { clock?: Clock; cacheMs?: number } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.cacheMs = options.cacheMs ?? 5000;
  }

  /** An arrow function: the HTTP server calls it detached from the object. */
  readonly check = async (): Promise<void> => {
    const now = this.clock.now().getTime();
    if (!this.last || now - this.last.at >= this.cacheMs) {
      this.running ??= this.probe(now).finally(() => (this.running = undefined));
      await this.running;
    }
    if (this.last?.error) throw this.last.error;
  };

  private async probe(now: number): Promise<void> {
    try {
      await this.store.ping();
      try {
        await this.store.upsert(CONTAINERS.programmes, HEALTH_PARTITION, HEALTH_DOCUMENT_ID, { type: 'health', at: new Date(now).toISOString() });
      } catch (error) {
        throw new Error(`the store cannot write: ${(error as Error).message}`);
      }
      this.last = { at: now };
    } catch (error) {
      this.last = { at: now, error: error as Error };
    }
  }
}
