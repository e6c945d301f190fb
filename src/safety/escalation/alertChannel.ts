import { Alert, Delivery } from './alert';

/** One way of telling someone about an alert. `send` resolves when it was delivered and throws otherwise. */
export interface AlertChannel {
  readonly channel: Delivery['channel'];
  send(alert: Alert, delivery: Delivery): Promise<void>;
}
