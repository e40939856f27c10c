import type { CopyEvent } from '@slipway/oci';
import { formatBytes } from './format-bytes';

/** Where progress goes and whether it may redraw lines. */
export interface ProgressOutput {
  readonly write: (text: string) => void;
  readonly tty: boolean;
}

const BAR_WIDTH = 24;

/**
 * Shows a copy's progress: on a terminal one bar per layer and destination, redrawn in place; elsewhere one
 * line per finished step, so CI logs stay readable.
 */
export function copyProgress(output: ProgressOutput): (event: CopyEvent) => void {
  if (!output.tty) return (event) => plainLine(event, output.write);
  const rows = new Map<string, { label: string; bytes: number; total: number; state: string }>();
  let drawn = 0;
  let last = 0;
  const redraw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - last < 80) return;
    last = now;
    const lines = [...rows.values()].map((row) => {
      const filled = row.total > 0 ? Math.round((row.bytes / row.total) * BAR_WIDTH) : BAR_WIDTH;
      const bar = `${'█'.repeat(Math.min(BAR_WIDTH, filled))}${'░'.repeat(Math.max(0, BAR_WIDTH - filled))}`;
      return `${row.label} ${bar} ${formatBytes(row.bytes)}/${formatBytes(row.total)} ${row.state}`;
    });
    output.write(`${drawn > 0 ? `\u001b[${drawn}A` : ''}${lines.map((l) => `\u001b[2K${l}\n`).join('')}`);
    drawn = lines.length;
  };
  return (event) => {
    if (event.type === 'manifest' || event.type === 'failed') {
      redraw(true);
      drawn = 0;
      plainLine(event, output.write);
      return;
    }
    const key = `${event.destination} ${event.descriptor.digest}`;
    const label = `${event.destination} ${event.descriptor.digest.slice(7, 19)}`;
    const row = rows.get(key) ?? { label, bytes: 0, total: event.descriptor.size, state: '' };
    if (event.type === 'progress') row.bytes = event.bytes;
    else {
      row.bytes = event.descriptor.size;
      row.state = event.how;
    }
    rows.set(key, row);
    redraw(event.type === 'blob');
  };
}

function plainLine(event: CopyEvent, write: (text: string) => void): void {
  switch (event.type) {
    case 'blob':
      write(
        `${event.destination}: ${event.descriptor.digest.slice(0, 19)} ${event.how} (${formatBytes(event.descriptor.size)})\n`,
      );
      break;
    case 'manifest':
      write(`${event.destination}: manifest ${event.digest}${event.tag ? ` tagged ${event.tag}` : ''}\n`);
      break;
    case 'failed':
      write(`${event.destination}: FAILED: ${event.error.message}\n`);
      break;
    case 'progress':
      break;
  }
}
