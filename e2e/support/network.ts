import { request } from 'node:http';
import { networkInterfaces } from 'node:os';

/**
 * An IPv4 address of this machine that is not loopback (its network interface's). A connection
 * from it to 127.0.0.1 never leaves the machine, yet the server sees a remote address that is not
 * loopback, as it would for a caller elsewhere on the network.
 */
export function nonLoopbackAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
  if (!address) throw new Error('this test needs a network interface with an IPv4 address besides loopback (the connection still stays on this machine)');
  return address.address;
}

export interface PlainResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request whose connection starts from `localAddress` (fetch cannot choose it). */
export function requestFrom(localAddress: string, url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: options.method ?? 'GET', headers: options.headers, localAddress, signal: AbortSignal.timeout(15_000) }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
