/**
 * Lets whatever waits on the event loop (a chat turn, a crisis message) run before the next piece of a long
 * piece of work: reading a year of records and rendering a chart are synchronous where they happen.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
