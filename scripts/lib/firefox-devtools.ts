/**
 * A small client for Firefox's DevTools remote protocol (the one `about:debugging` and `web-ext`
 * speak), used to reach the extension's own pages.
 *
 * Why not WebDriver BiDi: Firefox's BiDi leaves extension documents out of its browsing contexts on
 * purpose ("extension contexts until we support debugging webextensions", bug 1755014, still so in
 * 153 ESR) and refuses to navigate to `moz-extension:` addresses, so Puppeteer can neither open nor
 * script the popup, the options page or the background page. The DevTools server can: an add-on's
 * watcher announces every document of the add-on (background page, and each popup or options tab),
 * and each has a console that evaluates in that document, with its `browser.*` APIs.
 *
 * Wire format: every packet is `<byte length>:<JSON>`. A request goes `to` an actor; its answer
 * comes back `from` that actor, in order. Packets with a `type` are events, not answers.
 */
import { createConnection, type Socket } from 'node:net';

type Packet = Record<string, unknown> & { from?: string; type?: string; error?: string; message?: string };

/** A document of the extension the DevTools server announced (one per page load). */
export interface DevToolsTarget {
  actor: string;
  consoleActor: string;
  browsingContextID: number;
  url: string;
  isTopLevelTarget: boolean;
}

export class DevToolsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevToolsError';
  }
}

export class DevToolsClient {
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<string, { resolve(packet: Packet): void; reject(error: Error): void }[]>();
  private readonly listeners = new Set<(packet: Packet) => void>();
  private closedError: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (data: Buffer) => this.receive(data));
    socket.on('close', () => this.fail(new DevToolsError('the DevTools connection closed')));
    socket.on('error', (error) => this.fail(error));
  }

  /** Connect to a server started with `--start-debugger-server <port>`, retrying while Firefox starts. */
  static async connect(port: number, timeoutMs = 15_000): Promise<DevToolsClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await DevToolsClient.connectOnce(port);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private static connectOnce(port: number): Promise<DevToolsClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('error', reject);
      socket.once('connect', () => {
        const client = new DevToolsClient(socket);
        // The server greets first, from "root", before any request.
        client.pending.set('root', [{ resolve: () => resolve(client), reject }]);
      });
    });
  }

  /** Send a request to an actor and wait for its answer. */
  request(to: string, type: string, parameters: Record<string, unknown> = {}): Promise<Packet> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      const queue = this.pending.get(to) ?? [];
      queue.push({ resolve, reject });
      this.pending.set(to, queue);
      const body = Buffer.from(JSON.stringify({ to, type, ...parameters }), 'utf8');
      this.socket.write(`${body.length}:`);
      this.socket.write(body);
    });
  }

  /** Listen to events (packets with a `type`); returns the way to stop. */
  onEvent(listener: (packet: Packet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('latin1'));
      if (!Number.isInteger(length)) {
        this.fail(new DevToolsError(`unreadable packet header: ${this.buffer.subarray(0, 40).toString('latin1')}`));
        return;
      }
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as Packet;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(packet);
    }
  }

  private dispatch(packet: Packet): void {
    if (packet.type !== undefined && packet.error === undefined) {
      for (const listener of [...this.listeners]) listener(packet);
      return;
    }
    const waiter = packet.from === undefined ? undefined : this.pending.get(packet.from)?.shift();
    if (!waiter) return;
    if (packet.error !== undefined) waiter.reject(new DevToolsError(`${packet.error}: ${packet.message ?? ''}`));
    else waiter.resolve(packet);
  }

  private fail(error: Error): void {
    if (this.closedError) return;
    this.closedError = error;
    for (const queue of this.pending.values()) for (const waiter of queue.splice(0)) waiter.reject(error);
  }
}

/** A value grip as the console returns it: a primitive, or `{type}` for undefined, long strings and objects. */
type Grip = string | number | boolean | null | { type: string; initial?: string; length?: number; actor?: string };

/**
 * Every document of one add-on, as the DevTools server announces them: the background page and
 * each extension page open in a tab. Evaluates code in any of them.
 */
export class AddonDocuments {
  private readonly targets = new Map<string, DevToolsTarget>();

  private constructor(private readonly client: DevToolsClient) {}

  /** Watch the documents of the installed add-on `addonId`. */
  static async watch(client: DevToolsClient, addonId: string): Promise<AddonDocuments> {
    const documents = new AddonDocuments(client);
    // An add-on installed in the profile may still be starting when the browser is.
    const deadline = Date.now() + 15_000;
    let addon: { id: string; actor: string } | undefined;
    while (!addon) {
      const { addons } = (await client.request('root', 'listAddons')) as { addons?: { id: string; actor: string }[] };
      addon = addons?.find((candidate) => candidate.id === addonId);
      if (addon) break;
      if (Date.now() > deadline) throw new DevToolsError(`the add-on ${addonId} is not installed`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    client.onEvent((packet) => {
      if (packet.type === 'target-available-form') {
        const target = packet.target as DevToolsTarget;
        documents.targets.set(target.actor, target);
      } else if (packet.type === 'target-destroyed-form') {
        documents.targets.delete((packet.target as DevToolsTarget).actor);
      }
    });
    const watcher = (await client.request(addon.actor, 'getWatcher', { isServerTargetSwitchingEnabled: true })) as {
      actor: string;
    };
    await client.request(watcher.actor, 'watchTargets', { targetType: 'frame' });
    return documents;
  }

  /** The newest document `match` accepts, once it exists. */
  async find(match: (target: DevToolsTarget) => boolean, timeoutMs = 15_000): Promise<DevToolsTarget> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = [...this.targets.values()].reverse().find(match);
      if (found) return found;
      if (Date.now() > deadline) {
        const known = [...this.targets.values()].map((target) => target.url).join(', ');
        throw new DevToolsError(`no extension document matched within ${timeoutMs} ms (known: ${known})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  isOpen(target: DevToolsTarget): boolean {
    return this.targets.has(target.actor);
  }

  /**
   * Run `fn(...args)` in the document and return its (awaited) result. `fn` is sent as source text,
   * like Puppeteer's `evaluate`: it must not use anything from the test's scope but its arguments,
   * and its result must survive JSON.
   */
  async evaluate<A extends unknown[], R>(
    target: DevToolsTarget,
    fn: (...args: A) => R | Promise<R>,
    ...args: A
  ): Promise<R> {
    // esbuild (tsx, Vitest) may wrap named functions in `__name(…)`; give the evaluated code its own.
    const text = `(async () => {
      const __name = (f) => f;
      try {
        const value = await (${fn.toString()})(...${JSON.stringify(args)});
        return JSON.stringify({ ok: value === undefined ? null : value });
      } catch (error) {
        return JSON.stringify({ error: String(error && error.stack ? error + '\\n' + error.stack : error) });
      }
    })()`;
    // The result event can arrive in the same read as the answer: listen before asking.
    const results = new Map<unknown, Packet>();
    let wanted: ((packet: Packet) => void) | undefined;
    const stop = this.client.onEvent((packet) => {
      if (packet.type !== 'evaluationResult' || packet.from !== target.consoleActor) return;
      results.set(packet.resultID, packet);
      wanted?.(packet);
    });
    let result: Packet;
    try {
      const { resultID } = (await this.client.request(target.consoleActor, 'evaluateJSAsync', {
        text,
        mapped: { await: true },
      })) as { resultID: string };
      result =
        results.get(resultID) ??
        (await new Promise<Packet>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new DevToolsError(`timed out waiting for the evaluation in ${target.url}`)),
            60_000,
          );
          wanted = (packet) => {
            if (packet.resultID !== resultID) return;
            clearTimeout(timer);
            resolve(packet);
          };
        }));
    } finally {
      stop();
    }
    if (result.exceptionMessage) throw new DevToolsError(`in ${target.url}: ${String(result.exceptionMessage)}`);
    const json = await this.readString(result.result as Grip);
    const outcome = JSON.parse(json) as { ok?: R; error?: string };
    if (outcome.error !== undefined) throw new DevToolsError(`in ${target.url}: ${outcome.error}`);
    return outcome.ok as R;
  }

  /** A PNG of the document's viewport, or of `rect` (CSS pixels) inside it. */
  async screenshot(
    target: DevToolsTarget,
    rect?: { left: number; top: number; width: number; height: number },
  ): Promise<Buffer> {
    const { screenshotActor } = (await this.client.request('root', 'getRoot')) as { screenshotActor: string };
    const { value } = (await this.client.request(screenshotActor, 'capture', {
      args: { browsingContextID: target.browsingContextID, rect, snapshotScale: 1, disableFlash: true },
    })) as { value: { data: string | null } };
    if (!value.data) throw new DevToolsError(`could not capture ${target.url}`);
    return Buffer.from(value.data.replace(/^data:image\/png;base64,/, ''), 'base64');
  }

  private async readString(grip: Grip): Promise<string> {
    if (typeof grip === 'string') return grip;
    if (grip && typeof grip === 'object' && grip.type === 'longString' && grip.actor) {
      const { substring } = (await this.client.request(grip.actor, 'substring', {
        start: 0,
        end: grip.length,
      })) as { substring: string };
      return substring;
    }
    throw new DevToolsError(`unexpected evaluation result ${JSON.stringify(grip)}`);
  }
}
