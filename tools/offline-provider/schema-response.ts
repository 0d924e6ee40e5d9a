// The encoded GetProviderSchema response: converting and encoding a provider's schema
// (azurerm's 1,500 types in a full document) is the most expensive thing a provider
// does, and Terraform asks for it in every command. So the bytes are cached on disk,
// keyed by the schema file's sha256 and the conversion code, and in memory for the
// instances one process serves (the reattach daemon serves them all).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSchemaShape, LoadedProviderSchema, protoGetProviderSchemaResponse, ProtoObject } from './schema';

const inMemory = new WeakMap<LoadedProviderSchema, Buffer>();

/**
 * Identifies the conversion code (schema.ts, the protobuf codec and the proto) so a
 * cached encoded schema is never served by a provider that would have converted it
 * differently. The bundled runtime has its build id (a hash of every source) compiled
 * in; run from the sources, the files are hashed.
 */
function converterHash(): string {
  const buildId = process.env.OFFLINE_PROVIDER_BUILD_ID; // replaced by a constant in the bundle
  if (buildId) return buildId.slice(0, 12);
  const h = createHash('sha256');
  for (const f of ['schema.ts', 'proto-codec.ts', 'proto-wire.ts', join('proto', 'tfplugin6.proto')]) {
    const path = join(__dirname, f);
    if (existsSync(path)) h.update(f).update(readFileSync(path));
  }
  return h.digest('hex').slice(0, 12);
}

export function encodedSchemaResponse(loaded: LoadedProviderSchema, encode: (msg: ProtoObject) => Buffer, cacheDir?: string): Buffer {
  let bytes = inMemory.get(loaded);
  if (bytes) return bytes;
  const slug = loaded.address.replace(/[^A-Za-z0-9]+/g, '_');
  const file = cacheDir ? join(cacheDir, `${loaded.sha256}-${slug}-${converterHash()}.pb`) : undefined;
  bytes = file ? readIfCached(file) : undefined;
  if (!bytes) {
    const s = loaded.schema;
    checkSchemaShape(s.provider?.block ?? {}, 'provider');
    for (const table of [s.resource_schemas, s.data_source_schemas, s.ephemeral_resource_schemas]) {
      for (const [name, schema] of Object.entries(table ?? {})) checkSchemaShape(schema.block, name);
    }
    bytes = encode(protoGetProviderSchemaResponse(s));
    if (file) writeAtomically(file, bytes);
  }
  inMemory.set(loaded, bytes);
  return bytes;
}

function readIfCached(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // not cached yet
  }
}

function writeAtomically(file: string, bytes: Buffer): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file); // atomic: concurrent providers never read half a file
  } catch {
    // an unwritable cache only costs speed
  }
}
