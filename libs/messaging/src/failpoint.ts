/**
 * Crash points for the fault suite: with `CCNDR_FAILPOINT=<name>` in its environment a process
 * kills itself (SIGKILL, as a power cut would) the first time it reaches that point. Unset in any
 * real deployment; the fault suite restarts the process without it.
 *   relay-after-publish   the relay published a batch but has not yet committed its removal from the outbox
 *   consumer-after-commit a consumer committed an event's effect but has not yet acknowledged it
 */
export function failpoint(name: 'relay-after-publish' | 'consumer-after-commit'): void {
  if (process.env.CCNDR_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
