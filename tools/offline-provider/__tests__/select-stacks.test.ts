// PlanOptions.stacks (--stacks): which stacks a run plans, and what it refuses.
import { ManifestStack } from '../manifest';
import { selectStacks } from '../plan-runner';

const stack = (name: string, dependencies: string[] = []): ManifestStack => ({
  name,
  dependencies,
  workingDirectory: `stacks/${name}`,
  synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
});
const ALL = [stack('dmlz'), stack('dlz-a', ['dmlz']), stack('dlz-b', ['dmlz', 'dlz-a'])];

describe('selectStacks', () => {
  it('plans every stack by default', () => {
    expect(selectStacks(ALL, {})).toBe(ALL);
  });

  it('keeps the chosen stacks in dependency order and drops dependencies on stacks left out (their states are given)', () => {
    expect(selectStacks(ALL, { stacks: ['dlz-b', 'dlz-a'], priorStatesDir: '/states' })).toEqual([stack('dlz-a'), stack('dlz-b', ['dlz-a'])]);
  });

  it('refuses a stack the manifest does not have, listing the ones it has', () => {
    expect(() => selectStacks(ALL, { stacks: ['dlz-c'] })).toThrow('stacks: dlz-c not in the manifest (it has dmlz, dlz-a, dlz-b)');
  });

  it('refuses to leave out a stack the chosen ones read when no prior states are given', () => {
    expect(() => selectStacks(ALL, { stacks: ['dlz-b'] })).toThrow(
      /dmlz, dlz-a would not be planned, but the selected stacks read their state.*--prior-states/,
    );
    expect(selectStacks(ALL, { stacks: ['dlz-b'], real: true })).toEqual([stack('dlz-b')]);
  });
});
