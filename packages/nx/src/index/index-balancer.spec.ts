import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './local-index';
import { startIndexBalancer, type IndexBalancer } from './index-balancer';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** A server on 127.0.0.1 that reads each request's body, then lets `handle` answer. */
async function backend(handle: Handler): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, Buffer.concat(chunks).toString(), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('startIndexBalancer', () => {
  const servers: Server[] = [];
  let balancer: IndexBalancer | undefined;

  afterEach(async () => {
    await balancer?.close();
    balancer = undefined;
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function balance(...handlers: Handler[]): Promise<string> {
    const backends = await Promise.all(handlers.map(backend));
    servers.push(...backends.map((b) => b.server));
    balancer = await startIndexBalancer({ host: '127.0.0.1', port: 0, backendPorts: backends.map((b) => b.port) });
    return `http://127.0.0.1:${balancer.port}`;
  }

  it('sends each connection to the server with the fewest open', async () => {
    const held: Array<{ server: string; response: ServerResponse }> = [];
    const holding = (server: string): Handler => (_request, _body, response) => held.push({ server, response });
    const url = await balance(holding('a'), holding('b'));
    const answers = Array.from({ length: 4 }, () => fetch(`${url}/simple/pkg/`).then((r) => r.text()));
    while (held.length < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(held.map((h) => h.server).sort()).toEqual(['a', 'a', 'b', 'b']);
    held.forEach(({ server, response }) => response.end(server));
    expect((await Promise.all(answers)).sort()).toEqual(['a', 'a', 'b', 'b']);
  });

  it('passes uploads and answers through untouched: method, path, Host, body, status, headers', async () => {
    const url = await balance((request, body, response) => {
      response.writeHead(409, 'Conflict', { 'content-type': 'text/plain', 'x-seen': `${request.method} ${request.url} ${request.headers.host}` });
      response.end(`refused ${body.length} bytes`);
    });
    const upload = 'x'.repeat(300_000);
    const answer = await fetch(`${url}/?:action=file_upload`, { method: 'POST', body: upload });
    expect(answer.status).toBe(409);
    expect(answer.headers.get('x-seen')).toBe(`POST /?:action=file_upload ${new URL(url).host}`);
    expect(await answer.text()).toBe('refused 300000 bytes');
  });

  it('answers 502 naming the port of a server that is down', async () => {
    const down = await freePort();
    balancer = await startIndexBalancer({ host: '127.0.0.1', port: 0, backendPorts: [down] });
    const answer = await fetch(`http://127.0.0.1:${balancer.port}/simple/`);
    expect(answer.status).toBe(502);
    expect(await answer.text()).toContain(`on port ${down} did not answer`);
  });

  it('refuses a port already in use, and stops listening when closed', async () => {
    const url = await balance((_request, _body, response) => response.end('ok'));
    const taken = Number(new URL(url).port);
    await expect(startIndexBalancer({ host: '127.0.0.1', port: taken, backendPorts: [1] })).rejects.toThrow(/EADDRINUSE/);
    expect(await (await fetch(url)).text()).toBe('ok');
    await balancer?.close();
    balancer = undefined;
    await expect(fetch(url)).rejects.toThrow();
  });
});
