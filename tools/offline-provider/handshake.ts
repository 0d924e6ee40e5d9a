// go-plugin launch contract, as seen from the plugin process (hashicorp/go-plugin
// server.go / client.go, and verified against Terraform 1.11 on this machine):
//
//  - Terraform starts the plugin with TF_PLUGIN_MAGIC_COOKIE=<Terraform's cookie>,
//    PLUGIN_PROTOCOL_VERSIONS=5,6 and, with AutoMTLS, PLUGIN_CLIENT_CERT=<PEM of the
//    client certificate> (absent when TF_DISABLE_PLUGIN_TLS=1). PLUGIN_UNIX_SOCKET_DIR,
//    when set, is where the socket should go.
//  - The plugin answers with one stdout line:
//      CORE-VERSION|APP-PROTOCOL-VERSION|NETWORK|ADDRESS|PROTOCOL|SERVER-CERT
//    i.e. `1|6|unix|/tmp/plugin123|grpc|<base64 DER>`; the cert is base64 *RawStd*
//    (standard alphabet, no '=' padding) and empty without TLS. The client ignores
//    the cert field when it is 50 characters or shorter.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

export class HandshakeError extends Error {}

export interface LaunchEnvironment {
  protocolVersion: number;
  /** PEM of the client certificate to require, when Terraform asked for AutoMTLS. */
  clientCertPem?: string;
  socketDir: string;
}

export function readLaunchEnvironment(env: NodeJS.ProcessEnv = process.env): LaunchEnvironment {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    // go-plugin's own wording for a plugin started by hand.
    throw new HandshakeError(
      'This binary is a plugin. These are not meant to be executed directly.\n' +
        'Please execute the program that consumes these plugins, which will\n' +
        'load any plugins automatically',
    );
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map(Number);
  // No list at all means an old client that assumes the plugin's own version.
  if (offered.length > 0 && !offered.includes(APP_PROTOCOL_VERSION)) {
    throw new HandshakeError(`Incompatible API version with plugin. Plugin version: ${APP_PROTOCOL_VERSION}, Client versions: ${offered.join(',')}`);
  }
  const clientCertPem = env.PLUGIN_CLIENT_CERT?.trim() ? env.PLUGIN_CLIENT_CERT : undefined;
  return { protocolVersion: APP_PROTOCOL_VERSION, clientCertPem, socketDir: env.PLUGIN_UNIX_SOCKET_DIR || tmpdir() };
}

export function newSocketPath(dir: string): string {
  return join(dir, `plugin${randomBytes(6).toString('hex')}`);
}

/** base64 with the standard alphabet and no padding (Go's base64.RawStdEncoding). */
export function base64RawStd(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

export function handshakeLine(protocolVersion: number, socketPath: string, certDer?: Uint8Array): string {
  const cert = certDer ? base64RawStd(certDer) : '';
  return `${CORE_PROTOCOL_VERSION}|${protocolVersion}|unix|${socketPath}|grpc|${cert}`;
}

export interface ParsedHandshake {
  core: number;
  protocol: number;
  network: string;
  address: string;
  transport: string;
  certDer?: Buffer;
}

/** The client side of the line, for tests and for measuring start-up. */
export function parseHandshakeLine(line: string): ParsedHandshake {
  const parts = line.trim().split('|');
  if (parts.length < 5) throw new HandshakeError(`not a go-plugin handshake line: ${JSON.stringify(line)}`);
  const [core, protocol, network, address, transport, cert] = parts;
  return {
    core: Number(core),
    protocol: Number(protocol),
    network: network!,
    address: address!,
    transport: transport!,
    certDer: cert && cert.length > 50 ? Buffer.from(cert, 'base64') : undefined,
  };
}
