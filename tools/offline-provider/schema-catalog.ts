// Which provider schemas are available offline, and which of them each stack needs.
//
// Schema files are named <type>-<version>.json (e.g. azurerm-4.55.0.json), hold
// `terraform providers schema -json` output, and serve registry.terraform.io/<namespace>/<type>
// where the namespace comes from the address inside the file (read from its head, so
// listing the catalog does not parse megabytes of JSON).
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions, satisfies } from './version-constraint';

export interface SchemaEntry {
  /** registry.terraform.io/hashicorp/azurerm */
  address: string;
  hostname: string;
  namespace: string;
  type: string;
  version: string;
  file: string;
}

export function listSchemas(dir: string): SchemaEntry[] {
  const out: SchemaEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = /^([a-z0-9-]+?)-(\d+\.\d+\.\d+)\.json$/.exec(name);
    if (!m) continue;
    const [, type, version] = m as unknown as [string, string, string];
    const file = join(dir, name);
    const address = addressInFile(file, type) ?? `registry.terraform.io/hashicorp/${type}`;
    const [hostname, namespace] = address.split('/') as [string, string, string];
    out.push({ address, hostname, namespace, type, version, file });
  }
  return out;
}

function addressInFile(file: string, type: string): string | undefined {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n).toString('utf8');
    const m = new RegExp(`"([a-z0-9.-]+/[a-z0-9-]+/${type})"\\s*:`).exec(head);
    return m?.[1];
  } finally {
    closeSync(fd);
  }
}

/** "azurerm" / "hashicorp/azurerm" / "registry.terraform.io/hashicorp/azurerm" -> full address. */
export function normalizeSource(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

export interface ProviderRequirement {
  address: string;
  /** Constraints from every stack that names this provider, e.g. ["4.55.0", "~> 4.0"]. */
  constraints: string[];
  stacks: string[];
}

export interface Resolution {
  selected: SchemaEntry[];
  errors: string[];
}

/**
 * For each required provider, the newest available schema satisfying every
 * stack's constraint (one version per provider, as `init` would pick per stack but
 * a single mirror entry keeps things simple; differing pins surface as errors).
 */
export function resolveSchemas(requirements: ProviderRequirement[], catalog: SchemaEntry[], schemasDir: string): Resolution {
  const selected: SchemaEntry[] = [];
  const errors: string[] = [];
  for (const req of requirements) {
    const candidates = catalog.filter((e) => e.address === req.address).sort((a, b) => compareVersions(b.version, a.version));
    const match = candidates.find((e) => req.constraints.every((c) => satisfies(e.version, c)));
    if (match) {
      selected.push(match);
      continue;
    }
    const wanted =
      req.constraints
        .filter(Boolean)
        .map((c) => `"${c}"`)
        .join(' and ') || 'any version';
    const have = candidates.map((e) => e.version).join(', ');
    errors.push(
      `No offline schema for ${req.address} matching ${wanted} (required by stack ${req.stacks.join(', ')}). ` +
        (have ? `${schemasDir} has version ${have}.` : `${schemasDir} has no schema for this provider.`) +
        ` Add the output of \`terraform providers schema -json\` for that version as ${req.address.split('/').pop()}-<version>.json.`,
    );
  }
  return { selected, errors };
}
