import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { ApiResponse, responseBody } from '@ccndr/testing';

/**
 * An HTTP call whose connection starts from `localAddress` (fetch cannot choose it): another
 * loopback address (127.0.0.2, 127.0.0.3…, all of 127.0.0.0/8 is this machine's) is another client
 * to a limit kept per address; `nonLoopbackAddress()` a caller that is not this machine's loopback.
 * The body is parsed when JSON.
 */
export function callFrom(localAddress: string, url: string, options: { method?: string; token?: string; headers?: Record<string, string>; body?: string } = {}): Promise<ApiResponse<any>> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: options.method ?? 'GET', localAddress, agent: false, headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers } }, (response) => {
      responseBody(response).then((body) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        resolve({ status: response.statusCode ?? 0, headers, body });
      }, reject);
    });
    sent.on('error', reject);
    sent.end(options.body);
  });
}

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
