// Server certificate for go-plugin's AutoMTLS.
//
// What Terraform's go-plugin client does with it (hashicorp/go-plugin client.go):
// it decodes the last handshake field (base64.RawStdEncoding, i.e. no padding),
// x509.ParseCertificate's it and makes it the *only* root CA of its TLS config,
// with ServerName "localhost". Go's verifier then accepts a self-signed leaf that
// is itself in the root pool, checks its validity period, its extended key usage
// (must allow serverAuth when present) and the hostname against the SAN DNS names
// (the CN is ignored since Go 1.15). So: SAN DNS "localhost" is required.
//
// We mirror go-plugin's own generateCert (CN/SAN "localhost", O "HashiCorp",
// EKU clientAuth+serverAuth, CA:true, keyUsage digitalSignature|keyEncipherment|
// keyAgreement|certSign, NotBefore now-30s) and, like go-plugin, use an ECDSA key:
// P-256 from node:crypto costs ~1 ms where an RSA-2048 key costs 100-200 ms of
// startup. The certificate's DER is written by hand (a few ASN.1 helpers below) and
// signed with node:crypto: loading a pure-JS X.509 library (node-forge) cost every
// provider process ~20 ms.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
  /** DER bytes, what the handshake line carries (base64 raw std). */
  certDer: Buffer;
}

const OID = {
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

/** One DER TLV: tag byte, definite length, contents. */
export function der(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}

const TRUE = Buffer.from([0xff]);
const seq = (...items: Buffer[]) => der(0x30, ...items);
const bool = () => der(0x01, TRUE);
const bitString = (bits: Buffer, unusedBits = 0) => der(0x03, Buffer.from([unusedBits]), bits);

export function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const arc of rest) {
    const part = [arc & 0x7f];
    for (let v = Math.floor(arc / 0x80); v > 0; v = Math.floor(v / 0x80)) part.unshift((v & 0x7f) | 0x80);
    bytes.push(...part);
  }
  return der(0x06, Buffer.from(bytes));
}

function name(cn: string, org: string): Buffer {
  const rdn = (o: string, v: string) => der(0x31, seq(oid(o), der(0x0c, Buffer.from(v, 'utf8'))));
  return seq(rdn(OID.organization, org), rdn(OID.commonName, cn));
}

function time(d: Date): Buffer {
  // RFC 5280: UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime (YYYYMMDDHHMMSSZ) from 2050 on.
  const digits = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(digits.slice(2))) : der(0x18, Buffer.from(digits));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(), der(0x04, value)) : seq(oid(id), der(0x04, value));
}

export function generateServerCertificate(host = 'localhost', now = new Date()): ServerCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // positive INTEGER
  serial[0]! |= 0x01; // and no leading zero byte to worry about
  const notBefore = new Date(now.getTime() - 30_000);
  const notAfter = new Date(now.getTime() + 262_980 * 3600_000); // go-plugin's 30 years

  const sigAlg = seq(oid(OID.ecdsaWithSHA256));
  const subject = name(host, 'HashiCorp');
  // keyUsage bits (MSB first): 0 digitalSignature, 2 keyEncipherment, 4 keyAgreement,
  // 5 keyCertSign -> 0b10101100 with the 2 trailing bits unused.
  const keyUsage = bitString(Buffer.from([0xac]), 2);
  const extKeyUsage = seq(oid(OID.clientAuth), oid(OID.serverAuth));
  const basicConstraints = seq(bool());
  const san = seq(der(0x82, Buffer.from(host, 'ascii'))); // dNSName [2] IA5String

  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))), // [0] version: v3
    der(0x02, serial),
    sigAlg,
    subject, // issuer == subject: self-signed
    seq(time(notBefore), time(notAfter)),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    der(
      0xa3, // [3] extensions
      seq(
        extension(OID.keyUsage, true, keyUsage),
        extension(OID.extKeyUsage, false, extKeyUsage),
        extension(OID.basicConstraints, true, basicConstraints),
        extension(OID.subjectAltName, false, san),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const certDer = seq(tbs, sigAlg, bitString(signature));

  return {
    certDer,
    certPem: `-----BEGIN CERTIFICATE-----\n${certDer.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
