import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { validateEstate } from '../lib/estate/load';
import { formatStateMoves, statesToMove } from '../lib/synth/state-migration';
import { loadShippedEstate } from './helpers/synth';

/** States left at the layout before state isolation are found and the move is spelled out; nothing is moved. */
describe('state migration hint', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'csa-state-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const adatum = () => validateEstate(loadShippedEstate('adatum'));

  it('lists a stack whose state is at the old shared place and not yet at its own', () => {
    mkdirSync(path.join(dir, 'terraform-state'));
    writeFileSync(path.join(dir, 'terraform-state', 'dmlz.tfstate'), '{}');
    writeFileSync(path.join(dir, 'terraform-state', 'dlz-elsewhere.tfstate'), '{}');
    const moves = statesToMove(adatum(), ['dmlz', 'dlz-sales'], dir);
    expect(moves).toEqual([
      { stack: 'dmlz', from: path.join(dir, 'terraform-state', 'dmlz.tfstate'), to: path.join(dir, 'terraform-state', 'adatum-prod', 'dmlz.tfstate') },
    ]);
    expect(formatStateMoves(moves, dir)).toContain('mv terraform-state/dmlz.tfstate terraform-state/adatum-prod/dmlz.tfstate');
  });

  it('says nothing once the estate has its own state, or with the azurerm backend', () => {
    mkdirSync(path.join(dir, 'terraform-state', 'adatum-prod'), { recursive: true });
    writeFileSync(path.join(dir, 'terraform-state', 'dmlz.tfstate'), '{}');
    writeFileSync(path.join(dir, 'terraform-state', 'adatum-prod', 'dmlz.tfstate'), '{}');
    expect(statesToMove(adatum(), ['dmlz'], dir)).toEqual([]);
    const remote = loadShippedEstate('adatum');
    remote.backend = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate' };
    rmSync(path.join(dir, 'terraform-state', 'adatum-prod'), { recursive: true });
    expect(statesToMove(validateEstate(remote), ['dmlz'], dir)).toEqual([]);
    expect(formatStateMoves([])).toBe('');
  });
});
