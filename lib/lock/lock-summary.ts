import * as path from 'path';
import { Retirements } from './retirement';

/** What happened to the estate lock. */
export interface LockOutcome {
  readonly path: string;
  readonly status: 'created' | 'updated' | 'unchanged';
  /** One line per changed entry (lock-update.ts lockChanges). */
  readonly changes: readonly string[];
}

/** The synth summary's lines on the estate lock and on what was retired (docs/estate-lock.md, docs/retirement.md). */
export function formatLockSummary(lock: LockOutcome, retirements: Retirements, cwd = process.cwd()): string {
  const relative = path.relative(cwd, lock.path);
  const file = relative && !relative.startsWith('..') ? relative : lock.path;
  const lines: string[] = [];
  if (lock.status === 'created')
    lines.push(`Estate lock: created ${file}; commit it with the estate file (it keeps deployed addresses and names where they are).`);
  else if (lock.status === 'updated') {
    const shown = lock.changes.slice(0, 20);
    lines.push(
      `Estate lock: updated ${file} (${lock.changes.length} entr${lock.changes.length === 1 ? 'y' : 'ies'}); review and commit it:`,
      ...shown.map((c) => `  ${c}`),
    );
    if (lock.changes.length > shown.length) lines.push(`  ... and ${lock.changes.length - shown.length} more`);
  } else lines.push(`Estate lock: ${file} unchanged.`);
  const verb = retirements.keepData ? 'kept in Azure, forgotten by Terraform' : 'DESTROYED (--allow-data-loss)';
  for (const item of retirements.items) {
    lines.push(
      `Retired ${item.kind} ${item.stack}/${item.item}: ${item.addresses.length} data store${item.addresses.length === 1 ? '' : 's'} ${verb}; its other resources are destroyed.`,
    );
  }
  for (const zone of retirements.zones) {
    const stores = Object.keys(zone.dataStores).length;
    lines.push(`Retired landing zone ${zone.stack}: its stack now tears the zone down; ${stores} data store${stores === 1 ? '' : 's'} ${verb}.`);
  }
  if (retirements.items.length || retirements.zones.length)
    lines.push('See docs/retirement.md for what happens at apply and how to delete the kept data later.');
  return `${lines.join('\n')}\n`;
}
