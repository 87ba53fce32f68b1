import { OutboxEventMessage } from '@app/messaging';

/**
 * Per message of a batch, whether this batch applied it: its id was fresh (not consumed
 * before) and it is the first message with that id (a repeat within the batch was not).
 */
export function appliedOnce(
  messages: readonly OutboxEventMessage[],
  freshIds: ReadonlySet<string>,
): boolean[] {
  const counted = new Set<string>();
  return messages.map((m) => {
    const applied = freshIds.has(m.eventId) && !counted.has(m.eventId);
    counted.add(m.eventId);
    return applied;
  });
}
