// The protos loaded the standard way (@grpc/proto-loader, as @grpc/grpc-js clients do),
// to check the stand-in's own codec and server against: tests only.
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';
import { PROTO_FILES } from '../proto-descriptor';

/** The options the stand-in's message objects follow (proto-codec.ts). */
export const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, bytes: Buffer, defaults: true, oneofs: true };

export function loadProtos(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(
    PROTO_FILES.map((f) => join(__dirname, '..', 'proto', f)),
    LOADER_OPTIONS,
  );
}
