// Terraform provider version constraints ("4.55.0", "~> 4.55", ">= 3.0, < 5"),
// enough to pick which locally available schema version a stack may use.

type Version = [number, number, number];

export function parseVersion(v: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a) ?? [0, 0, 0];
  const vb = parseVersion(b) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) if (va[i] !== vb[i]) return va[i]! - vb[i]!;
  return 0;
}

/** True when `version` satisfies every comma-separated clause of `constraint` (empty = any). */
export function satisfies(version: string, constraint: string | undefined): boolean {
  if (!constraint || !constraint.trim()) return true;
  return constraint.split(',').every((clause) => satisfiesClause(version, clause.trim()));
}

function satisfiesClause(version: string, clause: string): boolean {
  const m = /^(=|!=|>=|<=|>|<|~>)?\s*(.+)$/.exec(clause);
  if (!m) throw new Error(`cannot parse version constraint "${clause}"`);
  const op = m[1] ?? '=';
  const target = m[2]!;
  if (!parseVersion(target)) throw new Error(`cannot parse version "${target}" in constraint "${clause}"`);
  const c = compareVersions(version, target);
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '~>': {
      // Pessimistic: only the right-most given component may grow.
      // "~> 4.55" allows 4.55 <= v < 5.0; "~> 4.55.0" allows 4.55.0 <= v < 4.56.0.
      if (c < 0) return false;
      const parts = target.replace(/^v/, '').split(/[-+]/)[0]!.split('.');
      const v = parseVersion(version)!;
      const t = parseVersion(target)!;
      const fixed = Math.max(parts.length - 1, 1);
      for (let i = 0; i < fixed; i++) if (v[i] !== t[i]) return false;
      return true;
    }
  }
  return false;
}
