import { readFileSync } from 'fs';
import * as path from 'path';
import { REPO, synth } from './helpers/synth';

/** One snapshot per zone stack of each shipped estate, so reviewers see every Terraform diff. */
describe.each(['relecloud', 'adatum'])('estates/%s.yaml', (name) => {
  const result = synth(readFileSync(path.join(REPO, 'estates', `${name}.yaml`), 'utf8'));

  it('synthesizes one stack per zone, and a peering stack per landing zone (topology peering)', () => {
    const expected =
      name === 'relecloud' ? ['dlz-billing', 'dlz-operations', 'dmlz', 'peerings-billing', 'peerings-operations'] : ['dlz-sales', 'dmlz', 'peerings-sales'];
    expect(Object.keys(result.manifest.stacks).sort()).toEqual(expected);
  });

  it.each(Object.keys(result.stacks))('stack %s matches its snapshot', (stack) => {
    expect(result.stacks[stack]).toMatchSnapshot();
  });
});
