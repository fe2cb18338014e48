/**
 * One message to the background in the format of `@webext-core/messaging` (what
 * `lib/messaging.ts`'s listeners understand), sent with the browser's own promise-based
 * `runtime.sendMessage`. For the sentinel only: the polyfill and the messaging library would
 * triple its size. A unit test checks this against the library's own listener.
 */
import type { ProtocolMap } from './messaging';

/** What the sentinel says when it has looked at its page (or at new content). */
export interface SentinelReport {
  documentKey: string;
  /**
   * The text of blocks that may hold doubled text (they pass the engine's prefilter), at most
   * `SENTINEL_MAX_CANDIDATES` of them: the background runs the engine on them, off the page's
   * main thread, and loads the pipeline only where it would change something.
   */
  candidates: string[];
  /** There were more candidates than were sent (the background then loads the pipeline without looking). */
  truncated: boolean;
}

/** How many candidate blocks the sentinel sends at most, and how much of their text. */
export const SENTINEL_MAX_CANDIDATES = 24;
export const SENTINEL_MAX_CANDIDATE_CHARS = 12_000;

interface RuntimeLike {
  runtime?: { id?: string; sendMessage(message: unknown): Promise<unknown> };
}

type DataOf<T extends keyof ProtocolMap> = Parameters<ProtocolMap[T]>[0];

export async function sendRawMessage<T extends keyof ProtocolMap>(
  type: T,
  data: DataOf<T>,
): Promise<ReturnType<ProtocolMap[T]>> {
  const api = ((globalThis as { browser?: RuntimeLike }).browser ?? (globalThis as { chrome?: RuntimeLike }).chrome)
    ?.runtime;
  if (!api?.id) throw new Error('Qingdu is no longer running here.');
  const response = (await api.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() })) as
    | { res?: unknown; err?: { message?: string } }
    | undefined;
  if (!response) throw new Error('No response');
  if (response.err) throw new Error(response.err.message ?? 'The background refused the message.');
  return response.res as ReturnType<ProtocolMap[T]>;
}
