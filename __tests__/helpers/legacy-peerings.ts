import { copyFileSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { REPO } from './synth';

/**
 * relecloud in `dir` with its lock from before peering stacks (the fields they brought are
 * removed): its next synth moves the peerings (a `removed` block in the later zone stack, an
 * `import` block in the earlier zone's peering stack). Returns the estate file.
 */
export function legacyPeeringsRelecloud(dir: string): string {
  const estate = path.join(dir, 'relecloud.yaml');
  copyFileSync(path.join(REPO, 'estates', 'relecloud.yaml'), estate);
  const lock = JSON.parse(readFileSync(path.join(REPO, 'estates', 'relecloud.lock.json'), 'utf8'));
  for (const zone of lock.zones) {
    delete zone.peeringStack;
    delete zone.farSidesPending;
    // As the old layout recorded it: billing's stack had a provider for operations' subscription.
    if (zone.stack === 'dlz-billing') zone.providers = { ...zone.providers, 'dlz-operations': '00000000-0000-0000-0000-000000000002' };
  }
  writeFileSync(path.join(dir, 'relecloud.lock.json'), JSON.stringify(lock));
  return estate;
}
