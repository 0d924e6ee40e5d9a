import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildProtoDescriptor, DESCRIPTOR_FILE } from '../proto-descriptor';
import { checkBundledPackages, prepareProviderRuntime, runtimeHash } from '../provider-runtime';
import { suiteTempDir } from './prereqs';

describe('bundled provider runtime', () => {
  const tmp = suiteTempDir('offline-provider-runtime-');

  it('is one JavaScript file keyed by a hash of everything it is built from, built once', () => {
    const first = prepareProviderRuntime(tmp());
    expect(first.argv).toEqual([process.execPath, expect.stringMatching(/provider-[0-9a-f]{16}[/\\]provider\.js$/)]);
    expect(basename(dirname(first.argv[1]!))).toBe(`provider-${runtimeHash().slice(0, 16)}`);
    const built = readFileSync(first.argv[1]!, 'utf8');
    // No gRPC library and no .proto parser in it: the descriptor ships beside it.
    expect(built).not.toMatch(/@grpc\/grpc-js|protobufjs\/src/);
    expect(built).toContain(JSON.stringify(runtimeHash())); // its build id, for the encoded-schema cache key
    expect(JSON.parse(readFileSync(join(dirname(first.argv[1]!), DESCRIPTOR_FILE), 'utf8'))).toEqual(buildProtoDescriptor(join(__dirname, '..', 'proto')));
    expect(prepareProviderRuntime(tmp())).toEqual(first);
  });

  it('refuses to bundle an npm package whose files it does not hash', () => {
    expect(() => checkBundledPackages(['tools/offline-provider/provider-main.ts', 'node_modules/@msgpack/msgpack/dist.cjs/index.cjs'])).not.toThrow();
    expect(() => checkBundledPackages(['node_modules/left-pad/index.js'])).toThrow(/bundles left-pad; add it to BUNDLED_PACKAGES/);
  });
});
