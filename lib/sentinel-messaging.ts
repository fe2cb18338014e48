/**
 * One message to the background in the format of `@webext-core/messaging` (what
 * `lib/messaging.ts`'s listeners understand), sent with the browser's own promise-based
 * `runtime.sendMessage`. For the sentinel only: the polyfill and the messaging library would
 * triple its size. A unit test checks this against the library's own listener.
 */
import type { ProtocolMap } from './messaging';

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
