// A minimal gRPC server on node:http2: what the stand-in provider needs of gRPC and
// nothing more (unary calls, and streams that stay open until shutdown), so that a
// provider process does not pay for loading @grpc/grpc-js and parsing .proto files.
//
// gRPC over HTTP/2 (grpc/grpc PROTOCOL-HTTP2.md): a POST to /<service>/<method> with
// content-type application/grpc; each message is framed as a 1-byte compressed flag,
// a 4-byte big-endian length and the protobuf bytes; the status travels in trailers
// (grpc-status, grpc-message percent-encoded), or in the headers of a "trailers-only"
// response when there is no message. We never compress, and refuse compressed
// requests (clients only compress when asked to).
import * as http2 from 'node:http2';
import { ProtoCodec, ProtoMessage } from './proto-codec';
import { ProtoDescriptor } from './proto-descriptor';

export const GrpcStatus = { OK: 0, INVALID_ARGUMENT: 3, INTERNAL: 13, UNIMPLEMENTED: 12 } as const;

/**
 * Returns the reply, or its protobuf bytes when already encoded (e.g. a cached schema).
 * `connection` identifies the client connection (the HTTP/2 session) the call came on.
 */
export type UnaryHandler = (request: ProtoMessage, connection: object) => ProtoMessage | Buffer;

export interface UnaryOptions {
  /** Called once the reply has gone out and the call is closed. */
  onSent?: () => void;
}

export interface ServerTls {
  keyPem: string;
  certPem: string;
  /** Only clients presenting this certificate (or one it signed) get in. */
  clientCaPem: string;
}

export class GrpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** grpc-message: percent-encode every byte outside 0x20-0x7E, and '%'. */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const b of Buffer.from(message, 'utf8'))
    out += b < 0x20 || b > 0x7e || b === 0x25 ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
  return out;
}

export function frame(message: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

/** The single message of a unary request body. */
export function unframe(body: Buffer): Buffer {
  if (body.length < 5) throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, 'request has no message');
  if (body[0] !== 0) throw new GrpcError(GrpcStatus.UNIMPLEMENTED, 'compressed messages are not supported');
  const len = body.readUInt32BE(1);
  if (body.length < 5 + len) throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, 'request message truncated');
  return body.subarray(5, 5 + len);
}

const RESPONSE_HEADERS = { ':status': 200, 'content-type': 'application/grpc+proto' };

export class MiniGrpcServer {
  private readonly unary = new Map<string, { handler: UnaryHandler; opts: UnaryOptions }>();
  private readonly streaming = new Set<string>();
  private readonly sessions = new Set<http2.Http2Session>();
  private readonly openStreams = new Set<http2.ServerHttp2Stream>();
  private server: http2.Http2Server | http2.Http2SecureServer | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly desc: ProtoDescriptor,
    private readonly codec = new ProtoCodec(desc),
  ) {}

  addUnary(path: string, handler: UnaryHandler, opts: UnaryOptions = {}): void {
    this.method(path, false);
    this.unary.set(path, { handler, opts });
  }

  /** A streaming method that keeps the call open, sending nothing, until close(). */
  addIdleStream(path: string): void {
    this.method(path, true);
    this.streaming.add(path);
  }

  private method(path: string, streaming: boolean): void {
    const m = this.desc.methods[path];
    if (!m) throw new Error(`no gRPC method ${path} in the protos`);
    if (streaming !== (m.requestStream || m.responseStream)) throw new Error(`${path} is ${streaming ? 'not ' : ''}a streaming method`);
  }

  listen(socketPath: string, tls?: ServerTls): Promise<void> {
    const settings = { maxHeaderListSize: 64 * 1024 };
    const server = tls
      ? http2.createSecureServer({ key: tls.keyPem, cert: tls.certPem, ca: tls.clientCaPem, requestCert: true, rejectUnauthorized: true, settings })
      : http2.createServer({ settings });
    this.server = server;
    server.on('session', (s: http2.Http2Session) => {
      this.sessions.add(s);
      s.on('close', () => this.sessions.delete(s));
      s.on('error', () => {});
    });
    server.on('stream', (stream, headers) => this.onStream(stream, headers));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  private onStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on('error', () => {}); // a client reset is not our problem
    const path = headers[':path'] ?? '';
    if (!String(headers['content-type'] ?? '').startsWith('application/grpc')) {
      stream.respond({ ':status': 415 }, { endStream: true });
    } else if (this.unary.has(path)) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => this.answer(stream, path, Buffer.concat(chunks)));
    } else if (this.streaming.has(path)) {
      this.openStreams.add(stream);
      stream.on('close', () => this.openStreams.delete(stream));
      stream.on('data', () => {}); // go-plugin's broker knocks; there is nothing to broker
      stream.on('end', () => this.endStream(stream)); // the client is done: so are we
      stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(GrpcStatus.OK) }));
    } else {
      this.fail(stream, new GrpcError(GrpcStatus.UNIMPLEMENTED, `unknown method ${path}`));
    }
  }

  private answer(stream: http2.ServerHttp2Stream, path: string, body: Buffer): void {
    const { handler, opts } = this.unary.get(path)!;
    const m = this.desc.methods[path]!;
    let reply: Buffer;
    try {
      const out = handler(this.codec.decode(m.request, unframe(body)), stream.session ?? stream);
      reply = Buffer.isBuffer(out) ? out : this.codec.encode(m.response, out);
    } catch (e) {
      this.fail(stream, e);
      return;
    }
    if (opts.onSent) stream.on('close', opts.onSent);
    if (stream.destroyed) return;
    stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(GrpcStatus.OK) }));
    stream.end(frame(reply));
  }

  private fail(stream: http2.ServerHttp2Stream, e: unknown): void {
    const code = e instanceof GrpcError ? e.code : GrpcStatus.INTERNAL;
    const message = e instanceof Error ? e.message : String(e);
    if (stream.destroyed || stream.headersSent) return;
    stream.respond({ ...RESPONSE_HEADERS, 'grpc-status': String(code), 'grpc-message': encodeGrpcMessage(message) }, { endStream: true });
  }

  private endStream(stream: http2.ServerHttp2Stream): void {
    if (!stream.destroyed && !stream.writableEnded) stream.end();
  }

  /**
   * Ends the open streams, lets calls in flight finish and closes every connection;
   * after `graceMs` whatever is left is destroyed.
   */
  close(graceMs = 500): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const s of this.openStreams) this.endStream(s);
      this.server?.close();
      const timer = setTimeout(() => {
        for (const s of this.sessions) s.destroy();
        resolve();
      }, graceMs);
      let left = this.sessions.size;
      const done = () => {
        if (--left > 0) return;
        clearTimeout(timer);
        resolve();
      };
      if (left === 0) return done();
      for (const s of this.sessions) s.close(done);
    });
    return this.closing;
  }
}
