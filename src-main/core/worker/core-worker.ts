import { parentPort, workerData } from 'node:worker_threads';
import { Core } from '../core';
import type { CoreWorkerData, FromWorker, ToWorker } from './protocol';

/**
 * The worker owns the database: long jobs and scrypt never block the window's process.
 * Calls are answered in arrival order per call, and events are pushed as they happen.
 */
const port = parentPort;
if (!port) throw new Error('core-worker must run in a worker thread');

const data = workerData as CoreWorkerData;
const send = (message: FromWorker) => port.postMessage(message);
const core = new Core({
  dataDir: data.dataDir,
  version: data.version,
  emit: (name, payload) => send({ type: 'event', name, payload }),
});
core.startIdleTimer();

port.on('message', async (message: ToWorker) => {
  if (message.type === 'call') {
    send({ type: 'result', id: message.id, result: await core.call(message.channel, message.input) });
  } else if (message.type === 'lock') {
    core.lock('manual');
  } else if (message.type === 'shutdown') {
    core.dispose();
    port.close();
  }
});

send({ type: 'ready' });
