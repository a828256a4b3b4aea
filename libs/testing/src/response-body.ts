import type { IncomingMessage } from 'node:http';

/** A node:http response's body, read to its end: parsed when it is JSON, else its text (undefined when empty). */
export function responseBody(response: IncomingMessage): Promise<any> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        // not JSON: keep the text
        resolve(text);
      }
    });
  });
}
