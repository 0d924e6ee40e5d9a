import { readFileSync } from 'fs';
import { z } from 'zod';
import { estateSchema } from '../lib/estate/schema';
import { referenceMarkdown, referenceRows } from '../lib/estate/schema-reference';
import { estateReference, REFERENCE_FILE } from '../scripts/estate-reference';

describe('estate format reference (docs/estate-format-reference.md)', () => {
  it('is exactly what the schema generates (run npm run docs:reference after changing lib/estate/schema.ts)', () => {
    expect(readFileSync(REFERENCE_FILE, 'utf8')).toBe(estateReference());
  });

  it('documents every field of the schema, each with a description', () => {
    const rows = referenceRows(estateSchema);
    const paths = rows.map((r) => r.path);
    for (const path of [
      'estate',
      'environment',
      'location',
      'tags',
      'backend.type',
      'backend.stateDirectory',
      'backend.storageAccountName',
      'network.addressPool',
      'managementZone.subscriptionId',
      'managementZone.firewall.tier',
      'managementZone.purview.rootCollectionAdmins',
      'landingZones[].name',
      'landingZones[].shortName',
      'landingZones[].sharedServices.eventHub',
      'landingZones[].dataIntegrations[].sources',
      'landingZones[].dataProducts[].serving',
      'landingZones[].dataProducts[].inputs',
    ]) {
      expect(paths).toContain(path);
    }
    expect(rows.filter((r) => !r.description).map((r) => r.path)).toEqual([]);
  });

  it('states types, allowed values and defaults from the schema itself', () => {
    const byPath = new Map(referenceRows(estateSchema).map((r) => [r.path, r]));
    expect(byPath.get('environment')).toMatchObject({ type: 'one of `dev`, `test`, `prod`', default: '**required**' });
    expect(byPath.get('managementZone.firewall.tier')).toMatchObject({ type: 'one of `Standard`, `Premium`', default: 'Premium' });
    expect(byPath.get('landingZones[].sharedServices.databricks')).toMatchObject({ type: '`true` or `false`', default: '`true`' });
    expect(byPath.get('landingZones[].dataIntegrations[].sources')?.type).toBe('list (1-100 entries) of strings: 1-256 characters');
    expect(byPath.get('landingZones[].addressSpace')).toMatchObject({
      type: 'string: an IPv4 CIDR block like 10.1.0.0/16',
      default: 'the next free /16 of network.addressPool',
    });
    expect(byPath.get('landingZones[].shortName')?.default).toBe('the name without hyphens');
    expect(byPath.get('tags')?.default).toBe('optional');
  });

  it('follows the schema when it changes', () => {
    const schema = z.strictObject({
      name: z
        .string()
        .regex(/^[a-z]+$/, { error: 'must be lowercase letters' })
        .describe('The name.'),
      size: z.enum(['s', 'm']).default('m').describe('How big.'),
      parts: z
        .array(z.strictObject({ id: z.string().max(8).describe('Part id.') }))
        .default([])
        .describe('The parts.'),
    });
    expect(referenceMarkdown(schema, { source: 'x.ts', command: 'make docs' })).toContain(
      [
        '| `name` | string: lowercase letters | **required** | The name. |',
        '| `size` | one of `s`, `m` | `m` | How big. |',
        '| `parts` | list of mappings (fields below) | `[]` (none) | The parts. |',
        '| `parts[].id` | string: at most 8 characters | **required** | Part id. |',
      ].join('\n'),
    );
  });
});
