import { parentPort, workerData } from 'node:worker_threads';
import { Core } from '../core';
import { OffsetClock } from '../util/clock';
import type { CoreWorkerData, FromWorker, ToWorker } from './protocol';

/**
 * The worker owns the database: long jobs and scrypt never block the window's process.
 * Calls are answered in arrival order per call, and events are pushed as they happen.
 */
const port = parentPort;
if (!port) throw new Error('core-worker must run in a worker thread');

const data = workerData as CoreWorkerData;
const send = (message: FromWorker) => port.postMessage(message);
const testClock = data.testClock ? new OffsetClock() : null;
const core = new Core({
  dataDir: data.dataDir,
  version: data.version,
  ...(testClock && { clock: testClock }),
  emit: (name, payload) => send({ type: 'event', name, payload }),
});
core.startIdleTimer();

port.on('message', async (message: ToWorker) => {
  if (message.type === 'call') {
    send({ type: 'result', id: message.id, result: await core.call(message.channel, message.input) });
  } else if (message.type === 'advanceClock' && testClock) {
    testClock.advance(message.ms);
    // Moving time is not leaving the desk: the idle lock counts from the move.
    core.noteActivity();
  } else if (message.type === 'lock') {
    core.lock('manual');
  } else if (message.type === 'shutdown') {
    core.dispose();
    port.close();
  }
});

send({ type: 'ready' });
