// A reverse proxy on 127.0.0.1 in front of a local index, for faults an open pypiserver cannot
// show. Run as its own process so it serves while a test blocks on a synchronous nx run.
//   node fault-proxy-server.mjs <port> <target-url> [--refuse-once <text>] [--require-auth <user:password>] [--delay-ms <n>]
// --refuse-once: the first upload whose body contains <text> (a file name) gets a 403.
// --require-auth: uploads without these Basic credentials get a 403.
// --delay-ms: every request waits this long first, like a remote index's round trip.
import { createServer, request } from 'node:http';

const [port, target, ...flags] = process.argv.slice(2);
const flag = (name) => (flags.includes(name) ? flags[flags.indexOf(name) + 1] : undefined);
const refuseOnce = flag('--refuse-once');
const requiredAuth = flag('--require-auth');
const delayMs = Number(flag('--delay-ms') ?? 0);
let refused = false;

function refuse(outgoing, message) {
  // 403, not 5xx: uv retries server errors by itself, and the fault must reach the caller.
  outgoing.writeHead(403, { 'content-type': 'text/plain' });
  outgoing.end(`${message}\n`);
}

createServer((incoming, outgoing) => {
  const chunks = [];
  incoming.on('data', (chunk) => chunks.push(chunk));
  incoming.on('end', () => setTimeout(() => {
    const body = Buffer.concat(chunks);
    if (incoming.method === 'POST') {
      if (requiredAuth && incoming.headers.authorization !== `Basic ${Buffer.from(requiredAuth).toString('base64')}`) {
        refuse(outgoing, 'injected fault: wrong or missing credentials');
        return;
      }
      if (refuseOnce && !refused && body.includes(refuseOnce)) {
        refused = true;
        refuse(outgoing, 'injected fault: upload refused once');
        return;
      }
    }
    const url = new URL(incoming.url, target);
    const forward = request(url, { method: incoming.method, headers: { ...incoming.headers, host: url.host } }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', (error) => {
      outgoing.writeHead(502);
      outgoing.end(String(error));
    });
    forward.end(body);
  }, delayMs));
}).listen(Number(port), '127.0.0.1', () => console.log(`fault proxy listening on ${port}`));
