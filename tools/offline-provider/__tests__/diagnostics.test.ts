import { attributeFromDetail, ConfigFiles, dedupe, describePath, formatAttributePath, formatDiagnostic, fromTerraform, parseEventStream } from '../diagnostics';
import { JsonLocator } from '../json-locator';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suiteTempDir } from './prereqs';

const DOC = `{
  "resource": {
    "azurerm_subnet": {
      "snet": {
        "//": {"metadata": {"path": "dmlz/network/snet"}},
        "name": "s",
        "delegation": [{"name": "d", "service_delegation": [{"actions": ["ä", "x"]}]}],
        "address_prefixes": "notalist"
      }
    }
  },
  "provider": {"azurerm": [{"features": [{}]}]}
}`;

const offsetOf = (needle: string) => Buffer.from(DOC.slice(0, DOC.indexOf(needle)), 'utf8').length;

describe('JsonLocator', () => {
  const loc = new JsonLocator(Buffer.from(DOC));

  it('maps byte offsets of values and keys to their JSON path', () => {
    expect(loc.pathAt(offsetOf('"notalist"'))).toEqual(['resource', 'azurerm_subnet', 'snet', 'address_prefixes']);
    expect(loc.pathAt(offsetOf('"address_prefixes"'))).toEqual(['resource', 'azurerm_subnet', 'snet', 'address_prefixes']);
    expect(loc.pathAt(offsetOf('"x"'))).toEqual(['resource', 'azurerm_subnet', 'snet', 'delegation', 0, 'service_delegation', 0, 'actions', 1]);
    expect(loc.pathAt(offsetOf('"features"'))).toEqual(['provider', 'azurerm', 0, 'features']);
    expect(loc.pathAt(0)).toEqual([]);
  });

  it('counts bytes, not UTF-16 units (Terraform ranges are byte offsets)', () => {
    // "ä" is two bytes in UTF-8: a char-index locator would be off by one after it,
    // and put the closing quote of "x" outside the string.
    expect(loc.pathAt(offsetOf('"x"') + 2)).toEqual(['resource', 'azurerm_subnet', 'snet', 'delegation', 0, 'service_delegation', 0, 'actions', 1]);
  });
});

describe('describePath', () => {
  it('turns JSON paths into Terraform addresses and attribute paths', () => {
    expect(describePath(['resource', 'azurerm_subnet', 'snet', 'delegation', 0, 'name'])).toMatchObject({
      address: 'azurerm_subnet.snet',
      attribute: 'delegation[0].name',
    });
    expect(describePath(['data', 'terraform_remote_state', 'core', 'config'])).toMatchObject({
      address: 'data.terraform_remote_state.core',
      attribute: 'config',
    });
    expect(describePath(['provider', 'azurerm', 0, 'features'])).toMatchObject({ address: 'provider.azurerm', attribute: 'features' });
    expect(describePath(['output', 'rg_id', 'value'])).toMatchObject({ address: 'output.rg_id', attribute: 'value' });
    expect(describePath(['variable', 'x'])).toMatchObject({ address: 'var.x', attribute: undefined });
    expect(formatAttributePath(['//', 'metadata'])).toBeUndefined();
  });

  it('reads attribute names out of Terraform detail texts', () => {
    expect(attributeFromDetail('The argument "location" is required, but no definition was found.')).toBe('location');
    expect(attributeFromDetail('No argument or block type is named "colour".')).toBe('colour');
    expect(attributeFromDetail('An argument named "foo" is not expected here.')).toBe('foo');
    expect(attributeFromDetail('At least 1 "features" blocks are required.')).toBe('features');
    expect(attributeFromDetail('Something else.')).toBeUndefined();
  });
});

describe('Terraform diagnostics', () => {
  const tmp = suiteTempDir('offline-diag-');

  it('locate resource, attribute and construct path; dedupe; format', () => {
    writeFileSync(join(tmp(), 'cdk.tf.json'), DOC);
    const files = new ConfigFiles(tmp());
    const start = offsetOf('"notalist"');
    const raw = {
      severity: 'error',
      summary: 'Incorrect attribute value type',
      detail: 'Inappropriate value for attribute "address_prefixes": list of string required.',
      range: { filename: 'cdk.tf.json', start: { line: 8, column: 29, byte: start }, end: { line: 8, column: 39, byte: start + 10 } },
    };
    const d = fromTerraform(raw, 'dmlz', 'validate', files);
    expect(d).toMatchObject({ stack: 'dmlz', address: 'azurerm_subnet.snet', attribute: 'address_prefixes', constructPath: 'dmlz/network/snet', line: 8 });
    expect(dedupe([d, { ...d }, { ...d, phase: 'plan' }])).toHaveLength(1);
    expect(formatDiagnostic(d)).toContain(
      'ERROR [dmlz] azurerm_subnet.snet attribute "address_prefixes" [dmlz/network/snet]: Incorrect attribute value type (cdk.tf.json:8)',
    );

    const stream = [
      '{"@level":"info","type":"version"}',
      JSON.stringify({ type: 'diagnostic', diagnostic: { ...raw, severity: 'warning', address: 'azurerm_subnet.snet' } }),
      '{"type":"change_summary","changes":{"add":2,"change":1,"remove":0,"operation":"plan"}}',
      'not json',
    ].join('\n');
    const parsed = parseEventStream(stream, 'dmlz', 'plan', files);
    expect(parsed.changes).toMatchObject({ add: 2, change: 1, remove: 0 });
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', phase: 'plan', address: 'azurerm_subnet.snet' })]);
  });

  it('falls back to the snippet context when the file cannot be located', () => {
    const d = fromTerraform(
      { severity: 'error', summary: 's', detail: 'The argument "name" is required', snippet: { context: 'data.azurerm_client_config.current' } },
      'x',
      'plan',
      new ConfigFiles('/nonexistent'),
    );
    expect(d).toMatchObject({ address: 'data.azurerm_client_config.current', attribute: 'name' });
  });
});
