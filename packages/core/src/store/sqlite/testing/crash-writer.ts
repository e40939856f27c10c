// Child process of the crash-safety test. It loads, prints `ready`, then waits for one stdin line
// `<first counter> <count>` (so the parent can start it ahead of time and choose when it writes). It then
// saves transitions with increasing counters as fast as it can, printing each counter only after
// saveWorkflow resolved, until it finishes or the parent SIGKILLs it.
// Usage: node --import tsx crash-writer.ts <db path> <workflow> <pad bytes>
import { once } from 'node:events';
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { SqliteStore } from '../sqlite-store';

const [path, workflow, padArg] = process.argv.slice(2);
if (path === undefined || workflow === undefined) {
  throw new Error('usage: crash-writer.ts <db path> <workflow> <pad bytes>');
}
const pad = 'p'.repeat(Number(padArg));

// writeSync: each line must be in the pipe before the next transition starts, whatever stdout buffers.
writeSync(1, 'ready\n');
const input = createInterface({ input: process.stdin });
const [command] = (await once(input, 'line')) as [string];
input.close();
const [first, count] = command.split(' ').map(Number);
if (first === undefined || count === undefined || !Number.isInteger(first) || !Number.isInteger(count)) {
  throw new Error(`expected "<first counter> <count>" on stdin, got ${JSON.stringify(command)}`);
}

const store = new SqliteStore(path);
for (let counter = first; counter < first + count; counter++) {
  await store.saveWorkflow(workflow, {
    status: { counter, pad },
    engineState: { counter },
    phase: 'Running',
    updatedAt: counter,
  });
  writeSync(1, `${counter}\n`);
}
await store.close();
