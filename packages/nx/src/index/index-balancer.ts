import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { leastBusy } from '../core/least-busy';

export interface IndexBalancer {
  port: number;
  close(): Promise<void>;
}

export interface IndexBalancerOptions {
  host: string;
  /** 0 for any free port. */
  port: number;
  backendPorts: readonly number[];
}

/**
 * One address in front of several servers of the same index on 127.0.0.1: each connection goes
 * to the server with the fewest connections open, bytes passed through untouched both ways (so
 * the Host header, the links and redirects a server writes, and uploads stay as they are).
 * Connections, not requests, are balanced: pypiserver on Paste answers in HTTP/1.0 and closes the
 * connection after each response, so each request comes on a connection of its own.
 */
export function startIndexBalancer({ host, port, backendPorts }: IndexBalancerOptions): Promise<IndexBalancer> {
  const open = backendPorts.map(() => 0);
  const clients = new Set<Socket>();
  let last = -1;
  const server = createServer((client) => {
    const chosen = leastBusy(open, last);
    last = chosen;
    open[chosen] += 1;
    clients.add(client);
    const backend = connect(backendPorts[chosen], host);
    backend.setNoDelay(true);
    client.setNoDelay(true);
    let closed = 0;
    const onClose = () => {
      closed += 1;
      if (closed === 2) open[chosen] -= 1;
    };
    backend.once('close', onClose);
    client.once('close', () => {
      clients.delete(client);
      onClose();
    });
    backend.on('error', () => {
      if (backend.bytesRead === 0 && client.writable && !client.destroyed) {
        client.end(`HTTP/1.0 502 Bad Gateway\r\ncontent-type: text/plain\r\n\r\nThe local index's server on port ${backendPorts[chosen]} did not answer.\n`);
      } else client.destroy();
    });
    client.on('error', () => backend.destroy());
    client.pipe(backend);
    backend.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((closed) => {
            server.close(() => closed());
            clients.forEach((client) => client.destroy());
          }),
      });
    });
  });
}
