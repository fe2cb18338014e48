import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { FIREFOX_INSTALL_HINT, findFirefox } from '../../scripts/lib/firefox';
import { DevToolsClient } from '../../scripts/lib/firefox-devtools';

describe('findFirefox', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('prefers FIREFOX_PATH when it exists', () => {
    vi.stubEnv('FIREFOX_PATH', process.execPath);
    expect(findFirefox()).toBe(process.execPath);
  });

  test('a FIREFOX_PATH that does not exist fails with the install hint, never silently', () => {
    vi.stubEnv('FIREFOX_PATH', '/nonexistent/firefox');
    expect(() => findFirefox()).toThrow(/FIREFOX_PATH is set to \/nonexistent\/firefox/);
    expect(() => findFirefox()).toThrow(FIREFOX_INSTALL_HINT);
  });

  test('with nothing on the PATH it says how to install Firefox ESR', () => {
    vi.stubEnv('FIREFOX_PATH', '');
    vi.stubEnv('PATH', '/nonexistent');
    expect(() => findFirefox()).toThrow(/apt-get install -y firefox-esr/);
  });
});

/** A stand-in DevTools server: greets, then answers each request with `answer(request)` packets, as raw bytes. */
async function startFakeServer(answer: (request: Record<string, unknown>) => Buffer[]): Promise<{
  port: number;
  server: Server;
}> {
  const server = createServer((socket: Socket) => {
    socket.write(frame({ from: 'root', applicationType: 'browser' }));
    let buffer = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        const colon = buffer.indexOf(':');
        if (colon < 0) return;
        const length = Number(buffer.subarray(0, colon).toString());
        if (buffer.length < colon + 1 + length) return;
        const request = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
        buffer = buffer.subarray(colon + 1 + length);
        // Byte by byte: every packet boundary and every multi-byte character gets split.
        for (const chunk of answer(request)) for (const byte of chunk) socket.write(Buffer.from([byte]));
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

function frame(packet: object): Buffer {
  const body = Buffer.from(JSON.stringify(packet), 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`), body]);
}

describe('DevToolsClient', () => {
  test('reads packets split anywhere (lengths are bytes, text is UTF-8) and tells events from answers', async () => {
    const { port, server } = await startFakeServer((request) => [
      // An event from the same actor arrives before the answer; it must not be taken for it.
      frame({ from: request.to, type: 'evaluationResult', result: '勇于担当' }),
      frame({ from: request.to, echo: `${String(request.text)}，好` }),
    ]);
    const client = await DevToolsClient.connect(port);
    try {
      const events: unknown[] = [];
      client.onEvent((packet) => events.push(packet.result));
      const answer = await client.request('console1', 'evaluateJSAsync', { text: '新项目' });
      expect(answer).toEqual({ from: 'console1', echo: '新项目，好' });
      expect(events).toEqual(['勇于担当']);
    } finally {
      client.close();
      server.close();
    }
  });

  test('an error answer rejects that request with the server’s reason', async () => {
    const { port, server } = await startFakeServer((request) => [
      frame({ from: request.to, error: 'noSuchActor', message: 'No such actor for ID: gone' }),
    ]);
    const client = await DevToolsClient.connect(port);
    try {
      await expect(client.request('gone', 'getTarget')).rejects.toThrow('noSuchActor: No such actor for ID: gone');
    } finally {
      client.close();
      server.close();
    }
  });
});
