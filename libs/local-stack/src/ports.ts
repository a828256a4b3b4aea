import { ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Thrown by a probe when waiting longer is pointless (the process it waits for has exited). */
export class StopWaiting extends Error {}

/**
 * Polls `probe` until it returns true, or fails after `timeoutMs` with `what` in the message. A
 * probe that throws counts as "not yet", unless it throws StopWaiting, which ends the wait at once.
 */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = await probe().catch((error) => {
      if (error instanceof StopWaiting) throw error;
      return false;
    });
    if (done) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface ProcessOptions {
  /**
   * A process group of its own, out of reach of the terminal's Ctrl-C: the run command stops its
   * processes itself, in order (services, then NATS, then PostgreSQL).
   */
  ownProcessGroup?: boolean;
}

/** Settles when `child` exits (at once if it has), saying how: its exit code or signal. */
export function exitOf(child: ChildProcess | undefined): Promise<string> {
  if (!child) return Promise.resolve('never started');
  const how = () => (child.signalCode ? `signal ${child.signalCode}` : `exit code ${child.exitCode}`);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(how());
  return new Promise((resolve) => child.once('exit', () => resolve(how())));
}

/** Whether something accepts connections on 127.0.0.1:`port` now. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sends `signal` to a child still running and settles once it has exited (at once if it is not running). */
export async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
