import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PyrelError } from '../core/errors';
import { fetchProjectFiles, publishedVersions } from './simple-api';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('simple index client', () => {
  let server: Server;
  let base: string;
  let handler: Handler;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request);
      handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (seen.length = 0));

  const html = (body: string, status = 200): Handler => (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html' });
    response.end(body);
  };

  it('asks for PEP 691 JSON first, at the normalised project page, and reads the JSON answer', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
      response.end(JSON.stringify({ files: [{ filename: 'my_lib-1.0.tar.gz', url: '/f/my_lib-1.0.tar.gz', hashes: {} }] }));
    };
    const files = await fetchProjectFiles(`${base}/simple`, 'My_Lib');
    expect(seen[0].url).toBe('/simple/my-lib/');
    expect(seen[0].headers.accept).toContain('application/vnd.pypi.simple.v1+json');
    expect(files).toEqual([{ filename: 'my_lib-1.0.tar.gz', url: `${base}/f/my_lib-1.0.tar.gz`, yanked: false }]);
  });

  it('reads an HTML page (pypiserver) and follows its redirect to the canonical name', async () => {
    handler = (request, response) => {
      if (request.url === '/simple/my-lib/') {
        response.writeHead(303, { location: '/simple/My_Lib/' });
        response.end();
        return;
      }
      html('<a href="../../packages/my_lib-0.9.tar.gz">my_lib-0.9.tar.gz</a><a data-yanked href="../../packages/my_lib-1.0.tar.gz">my_lib-1.0.tar.gz</a><a href="../../packages/my_lib-0.10.tar.gz">my_lib-0.10.tar.gz</a>')(request, response);
    };
    expect(await publishedVersions(`${base}/simple/`, 'my-lib')).toEqual(['0.9', '0.10']);
  });

  it('answers null and [] for a project the index does not know', async () => {
    handler = html('not found', 404);
    expect(await fetchProjectFiles(`${base}/simple/`, 'nope')).toBeNull();
    expect(await publishedVersions(`${base}/simple/`, 'nope')).toEqual([]);
  });

  it('retries a 5xx answer and then succeeds', async () => {
    let calls = 0;
    handler = (request, response) => (++calls < 3 ? html('busy', 503)(request, response) : html('<a href="x/my_lib-2.0.tar.gz">my_lib-2.0.tar.gz</a>')(request, response));
    expect(await publishedVersions(`${base}/simple/`, 'my-lib', { retries: 2 })).toEqual(['2.0']);
    expect(calls).toBe(3);
  });

  it('gives up after the retries with a PyrelError naming the page', async () => {
    handler = html('down', 502);
    await expect(fetchProjectFiles(`${base}/simple/`, 'my-lib', { retries: 1 })).rejects.toThrow(`Could not read ${base}/simple/my-lib/: HTTP 502 after 2 attempts`);
  });

  it('reports an unreachable index after retrying network errors', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetchProjectFiles(`http://127.0.0.1:${port}/simple/`, 'my-lib', { retries: 1 })).rejects.toThrow(PyrelError);
  });

  it('sends userinfo as Basic auth and keeps it out of the error on 401', async () => {
    handler = html('no', 401);
    const secret = 'canary-s3cret-token';
    const error = await fetchProjectFiles(`http://__token__:${secret}@127.0.0.1:${new URL(base).port}/simple/`, 'my-lib').catch((caught: Error) => caught);
    expect(seen[0].headers.authorization).toBe(`Basic ${Buffer.from(`__token__:${secret}`).toString('base64')}`);
    expect(error).toBeInstanceOf(PyrelError);
    expect((error as Error).message).toContain('HTTP 401');
    expect((error as Error).message).not.toContain(secret);
    expect(seen[0].url).toBe('/simple/my-lib/');
  });

  it('rejects a JSON answer that does not parse', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
      response.end('{not json');
    };
    await expect(fetchProjectFiles(`${base}/simple/`, 'my-lib')).rejects.toThrow('the JSON answer does not parse');
  });
});
