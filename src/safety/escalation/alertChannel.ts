import { Alert, Delivery } from './alert';

/** One way of telling someone about an alert. `send` resolves when it was delivered and throws otherwise. */
export interface AlertChannel {
  readonly channel: Delivery['channel'];
  send(alert: Alert, delivery: Delivery): Promise<void>;
}

/**
 * A delivery that trying again cannot fix (the receiver refused it, a destination is refused, there is no
 * secret to sign with): the outbox stops retrying it and escalates to the next person at once.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
