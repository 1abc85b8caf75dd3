let lastStamp = 0;

/**
 * A time strictly after the one before in this core: the counter's undo takes
 * back the newest entry and a waiting list moves up in the order families
 * registered, so two entries in the same millisecond must still have an order.
 */
export function stamp(now: Date): string {
  lastStamp = Math.max(now.getTime(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}
