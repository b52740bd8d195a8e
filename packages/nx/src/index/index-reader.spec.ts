import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIndexReader } from './index-reader';

describe('createIndexReader', () => {
  let server: Server;
  let base: string;
  let inFlight = 0;
  let mostInFlight = 0;
  const requested: string[] = [];
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requested.push(request.url as string);
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      response.on('finish', () => inFlight--);
      held.push(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Answers every held request, as the server would after a while. */
  const answerAll = () => {
    for (const response of held.splice(0)) {
      response.writeHead(404);
      response.end();
    }
  };

  it('asks each page once and at most `concurrency` at a time', async () => {
    const read = createIndexReader(2);
    const pages = ['a', 'b', 'c', 'a', 'd'].map((name) => read(base, name));
    while (requested.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requested).toHaveLength(2);
    while (requested.length < 4) {
      answerAll();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    answerAll();
    await expect(Promise.all(pages)).resolves.toEqual([null, null, null, null, null]);
    expect([...requested].sort()).toEqual(['/simple/a/', '/simple/b/', '/simple/c/', '/simple/d/']);
    expect(mostInFlight).toBe(2);
  });
});
