/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: preloaded before the TypeScript register */
'use strict';
/**
 * Loaded into a service with NODE_OPTIONS=--require (where --cpu-prof is not allowed): each SIGWINCH
 * (a signal NestJS's shutdown hooks leave alone, unlike SIGUSR2)
 * starts a CPU profile, the next one stops it and writes it to CPU_PROFILE_FILE, so that the profile
 * covers exactly the load the benchmark sends between the two signals.
 */
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');

const session = new Session();
session.connect();
let running = false;
process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    writeFileSync(process.env.CPU_PROFILE_FILE, error ? JSON.stringify({ error: String(error) }) : JSON.stringify(result.profile));
  });
});
