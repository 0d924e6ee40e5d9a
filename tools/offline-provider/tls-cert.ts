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
// startup. node-forge cannot sign with EC keys, so forge builds the DER structure
// and node:crypto signs it.
import { generateKeyPairSync, randomBytes, sign, KeyObject } from 'node:crypto';
import forge from 'node-forge';

const asn1 = forge.asn1;
const { Class, Type } = asn1;

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

const oid = (o: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(o).getBytes());
const seq = (items: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
const bin = (b: Buffer) => b.toString('binary');

function name(cn: string, org: string): forge.asn1.Asn1 {
  const rdn = (o: string, v: string) =>
    asn1.create(Class.UNIVERSAL, Type.SET, true, [seq([oid(o), asn1.create(Class.UNIVERSAL, Type.UTF8, false, forge.util.encodeUtf8(v))])]);
  return seq([rdn(OID.organization, org), rdn(OID.commonName, cn)]);
}

function time(d: Date): forge.asn1.Asn1 {
  // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050 on.
  return d.getUTCFullYear() < 2050
    ? asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, asn1.dateToUtcTime(d))
    : asn1.create(Class.UNIVERSAL, Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d));
}

function extension(id: string, critical: boolean, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  const parts = [oid(id)];
  if (critical) parts.push(asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, String.fromCharCode(0xff)));
  parts.push(asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, asn1.toDer(value).getBytes()));
  return seq(parts);
}

export function generateServerCertificate(host = 'localhost', now = new Date()): ServerCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = asn1.fromDer(bin(publicKey.export({ type: 'spki', format: 'der' })));

  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // positive INTEGER
  serial[0]! |= 0x01; // and no leading zero byte to worry about
  const notBefore = new Date(now.getTime() - 30_000);
  const notAfter = new Date(now.getTime() + 262_980 * 3600_000); // go-plugin's 30 years

  const sigAlg = seq([oid(OID.ecdsaWithSHA256)]);
  const subject = name(host, 'HashiCorp');
  // keyUsage bits (MSB first): 0 digitalSignature, 2 keyEncipherment, 4 keyAgreement,
  // 5 keyCertSign -> 0b10101100 with the 2 trailing bits unused.
  const keyUsage = asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, String.fromCharCode(2, 0xac));
  const extKeyUsage = seq([oid(OID.clientAuth), oid(OID.serverAuth)]);
  const basicConstraints = seq([asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, String.fromCharCode(0xff))]);
  const san = seq([asn1.create(Class.CONTEXT_SPECIFIC, 2, false, host)]); // dNSName [2] IA5String

  const tbs = seq([
    asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(Class.UNIVERSAL, Type.INTEGER, false, String.fromCharCode(2))]), // v3
    asn1.create(Class.UNIVERSAL, Type.INTEGER, false, bin(serial)),
    sigAlg,
    subject, // issuer == subject: self-signed
    seq([time(notBefore), time(notAfter)]),
    subject,
    spki,
    asn1.create(Class.CONTEXT_SPECIFIC, 3, true, [
      seq([
        extension(OID.keyUsage, true, keyUsage),
        extension(OID.extKeyUsage, false, extKeyUsage),
        extension(OID.basicConstraints, true, basicConstraints),
        extension(OID.subjectAltName, false, san),
      ]),
    ]),
  ]);
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign('sha256', tbsDer, privateKey as KeyObject); // DER-encoded ECDSA signature
  const cert = seq([tbs, sigAlg, asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, String.fromCharCode(0) + bin(signature))]);
  const certDer = Buffer.from(asn1.toDer(cert).getBytes(), 'binary');

  return {
    certDer,
    certPem: `-----BEGIN CERTIFICATE-----\n${certDer.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
