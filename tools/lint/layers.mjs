// The layers of the code base, bottom first (README "Architecture"). A file may import
// files of its own unit or of units listed before it, never of a later one: the imports
// run one way, and any unit can be read, tested and reused without the ones above it.
export const LAYERS = [
  { unit: 'lib/util', layer: 'foundation' },
  { unit: 'lib/catalog', layer: 'catalog' },
  { unit: 'lib/network', layer: 'naming and addressing' },
  { unit: 'lib/naming', layer: 'naming and addressing' },
  // What both sides of a boundary agree on: remote-state output names, the governance shapes the
  // estate model resolves and the governance constructs take.
  { unit: 'lib/contract', layer: 'contract' },
  // The rule pack checks Terraform, whoever wrote it: it knows no construct.
  { unit: 'lib/policy', layer: 'library', mayNotImport: ['lib/constructs'] },
  { unit: 'lib/constructs/shared', layer: 'library' },
  { unit: 'lib/constructs/network-manager', layer: 'library' },
  { unit: 'lib/constructs/data-items', layer: 'library' },
  { unit: 'lib/constructs/data-integration', layer: 'library' },
  { unit: 'lib/constructs/data-product', layer: 'library' },
  { unit: 'lib/constructs/landing-zone', layer: 'library' },
  { unit: 'lib/constructs/management-zone', layer: 'library' },
  { unit: 'lib/constructs/governance', layer: 'library' },
  // The estate model knows the file, names and addresses, never the constructs that deploy it.
  { unit: 'lib/estate', layer: 'estate', mayNotImport: ['lib/constructs'] },
  { unit: 'lib/lock', layer: 'estate' },
  { unit: 'stacks', layer: 'app' },
  { unit: 'lib/diagram', layer: 'commands' },
  { unit: 'lib/pipeline', layer: 'commands' },
  { unit: 'lib/synth', layer: 'commands' },
  { unit: 'tools', layer: 'entry points' },
  { unit: 'scripts', layer: 'entry points' },
  { unit: 'main.ts', layer: 'entry points' },
];
