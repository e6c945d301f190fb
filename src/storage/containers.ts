/**
 * Every container the service uses and what its partition key is. Both adapters create exactly these;
 * the deployment templates create the same list on Cosmos DB.
 */
export const CONTAINERS = {
  /** botbuilder state (dialog stacks, user and conversation state); partition = the state key. */
  botState: 'botState',
  /** Everything about one client (profile, check-ins, plans, inventory, …); partition = client id. */
  clients: 'clients',
  /** Safety alerts and their audit trail; partition = alert id. */
  alerts: 'alerts',
  /** Programme configuration: programmes, clinicians, keys; partition = programme id. */
  programmes: 'programmes',
  /** Due reminders, one per schedule's next occurrence; partition = the UTC hour it is due (`2026-11-25T19`). */
  reminders: 'reminders',
} as const;

export type ContainerName = (typeof CONTAINERS)[keyof typeof CONTAINERS];

export const CONTAINER_NAMES: readonly ContainerName[] = Object.values(CONTAINERS);

/**
 * Containers whose every write must be on disk before the call returns, even through a power cut:
 * a safety alert must never be lost. The embedded store syncs these writes fully and the others lazily.
 */
export const DURABLE_CONTAINERS: ReadonlySet<ContainerName> = new Set([CONTAINERS.alerts]);

/** The partition-key path on Cosmos DB; every container stores its partition key in this field. */
export const PARTITION_KEY_PATH = '/pk';
