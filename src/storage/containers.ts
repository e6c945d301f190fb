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
} as const;

export type ContainerName = (typeof CONTAINERS)[keyof typeof CONTAINERS];

export const CONTAINER_NAMES: readonly ContainerName[] = Object.values(CONTAINERS);

/** The partition-key path on Cosmos DB; every container stores its partition key in this field. */
export const PARTITION_KEY_PATH = '/pk';
