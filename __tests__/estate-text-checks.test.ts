import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { estateDiagram } from '../lib/diagram';
import { escapeXml } from '../lib/diagram/svg-render';
import { parseEstate, validateEstate } from '../lib/estate/load';
import { Estate } from '../lib/estate/model';
import { EstateValidationError } from '../lib/util/problems';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { shippedEstateProblems } from './helpers/problems';
import { loadShippedEstate } from './helpers/synth';

/**
 * Control and bidirectional formatting characters in estate text: refused in any string,
 * value or key, at any depth, with the path, the character and where it is. Tab, line feed
 * and carriage return are text in values (multi-line reasons), never in keys.
 */

const IN_ONE_YEAR = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);

/** Characters XML 1.0 does not allow at all (its Char production), not even as references. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('control characters in estate text', () => {
  it.each([
    [
      'ESC in a source',
      (e: any) => (e.landingZones[0].dataIntegrations[0].sources[1] = 'erp\u001b[2Jx'),
      'landingZones[0].dataIntegrations[0].sources[1]',
      'contains a control character (U+001B ESC) at position 4; remove it',
    ],
    [
      'NUL in a source',
      (e: any) => (e.landingZones[0].dataIntegrations[0].sources[0] = '\u0000crm'),
      'landingZones[0].dataIntegrations[0].sources[0]',
      'contains a control character (U+0000 NUL) at position 1; remove it',
    ],
    ['DEL in a tag value', (e: any) => (e.tags.owner = 'central\u007f'), 'tags.owner', 'contains a control character (U+007F DEL) at position 8; remove it'],
    [
      'a C1 control (CSI) in a cost center',
      (e: any) => (e.landingZones[0].costCenter = 'cc\u009b31m'),
      'landingZones[0].costCenter',
      'contains a control character (U+009B CSI) at position 3; remove it',
    ],
    [
      'a right-to-left override in an exemption reason',
      (e: any) =>
        (e.landingZones[0].governance = {
          policy: { exemptions: [{ assignment: 'baseline', reason: 'approved \u202egnissim\u202c by the board', expiresOn: IN_ONE_YEAR }] },
        }),
      'landingZones[0].governance.policy.exemptions[0].reason',
      'contains a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 10; remove it',
    ],
    [
      'a first-strong isolate in a suppression reason',
      (e: any) => (e.suppressions = [{ rule: 'CSA-KV-003', stack: 'dmlz', address: 'azurerm_key_vault.x', reason: 'the vault \u2068is fine\u2069 for now' }]),
      'suppressions[0].reason',
      'contains a bidirectional formatting character (U+2068 FIRST STRONG ISOLATE) at position 11; remove it',
    ],
    [
      'a vertical tab after an astral character (positions count characters)',
      (e: any) => (e.tags.owner = '𝔡𝔡\u000b'),
      'tags.owner',
      'contains a control character (U+000B VT) at position 3; remove it',
    ],
    [
      'a tab in a tag name',
      (e: any) => (e.tags['cost\tcenter'] = 'x'),
      'tags["cost\\tcenter"]',
      'the key contains a control character (U+0009 TAB) at position 5; remove it',
    ],
    [
      'a line feed in an unknown key, deep down',
      (e: any) => (e.landingZones[0].dataProducts[0]['note\n'] = 'x'),
      'landingZones[0].dataProducts[0]["note\\n"]',
      'the key contains a control character (U+000A LF) at position 5; remove it',
    ],
  ])('%s: refused with the path, the character and its position', (_what, mutate, path, message) => {
    const problems = shippedEstateProblems(mutate, 'adatum');
    expect(problems).toContainEqual({ path, message });
  });

  it('accepts tab, line feed and carriage return in values', () => {
    expect(
      shippedEstateProblems((e) => {
        e.tags.owner = 'central\tit';
        e.landingZones[0].dataIntegrations[0].sources = ['crm\r\ncustomers'];
        e.landingZones[0].governance = {
          policy: { exemptions: [{ assignment: 'baseline', reason: 'first line\nsecond line of the reason', expiresOn: IN_ONE_YEAR }] },
        };
      }, 'adatum'),
    ).toEqual([]);
  });

  it('finds them in YAML text too: an escaped "\\e" in a double-quoted scalar', () => {
    const text =
      'estate: adatum\nenvironment: prod\nlocation: northeurope\ntags: { owner: "a\\eb" }\nmanagementZone: { subscriptionId: 10000000-0000-0000-0000-000000000001 }\n';
    expect(() => parseEstate(text)).toThrow(/\n {2}tags\.owner: contains a control character \(U\+001B ESC\) at position 2; remove it/);
  });

  it('reports at most 50 strings, then how many more', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].dataIntegrations[0].sources = Array.from({ length: 80 }, (_, i) => `source ${i}\u0007`);
    let error: EstateValidationError | undefined;
    try {
      validateEstate(estate);
    } catch (e) {
      error = e as EstateValidationError;
    }
    const control = error!.problems.filter((p) => /control character|more strings with control/.test(p.message));
    expect(control).toHaveLength(51);
    expect(control[0]).toEqual({
      path: 'landingZones[0].dataIntegrations[0].sources[0]',
      message: 'contains a control character (U+0007 BEL) at position 9; remove it',
    });
    expect(control[50]).toEqual({ path: '', message: 'and 30 more strings with control or bidirectional formatting characters' });
  });

  it('an estate with NUL or ESC in a source is refused before anything is written (it made estate.svg malformed XML)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-control-'));
    try {
      const estate = loadShippedEstate('adatum');
      estate.landingZones[0].dataIntegrations[0].sources = ['crm\u0000', '\u001b[31merp'];
      const file = path.join(dir, 'estate.json');
      writeFileSync(file, JSON.stringify(estate));
      expect(() => synthesizeEstate({ estatePath: file, outdir: path.join(dir, 'cdktf.out'), projectDir: dir })).toThrow(
        /sources\[0\]: contains a control character \(U\+0000 NUL\) at position 4; remove it\n {2}landingZones\[0\]\.dataIntegrations\[0\]\.sources\[1\]: contains a control character \(U\+001B ESC\) at position 1/,
      );
      expect(readdirSync(dir)).toEqual(['estate.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the diagram keeps XML well-formed whatever text reaches it', () => {
  it('escapeXml replaces what XML 1.0 forbids and escapes markup', () => {
    expect(escapeXml('a\u0000b\u001bc\td\ne\rf\ufffeg\ud800h\udc00i😀<&>"\'')).toBe('a\ufffdb\ufffdc\td\ne\rf\ufffdg\ufffdh\ufffdi😀&lt;&amp;&gt;&quot;&apos;');
  });

  it('an estate model holding control characters (validation bypassed) still renders an SVG and HTML of XML characters only', () => {
    const valid = validateEstate(loadShippedEstate('adatum'));
    const zone = valid.landingZones[0];
    const hostile: Estate = {
      ...valid,
      landingZones: [
        { ...zone, dataIntegrations: zone.dataIntegrations.map((di) => ({ ...di, sources: ['crm\u0000', '\u001b[2J', 'lone \ud800 surrogate'] })) },
      ],
    };
    const { svg, html } = estateDiagram(hostile);
    expect(svg).not.toMatch(NOT_XML);
    expect(html).not.toMatch(NOT_XML);
    expect(html).toContain('from crm\ufffd, \ufffd[2J, lone \ufffd surrogate on data-factory');
  });
});
