import { createPrivateKey, X509Certificate } from 'node:crypto';
import { der, generateServerCertificate, oid } from '../tls-cert';

describe('AutoMTLS server certificate', () => {
  it('encodes DER lengths and object identifiers', () => {
    expect(oid('1.2.840.10045.4.3.2').toString('hex')).toBe('06082a8648ce3d040302');
    expect(der(0x04, Buffer.alloc(3)).toString('hex')).toBe('0403000000');
    expect(der(0x04, Buffer.alloc(200)).subarray(0, 3).toString('hex')).toBe('0481c8');
    expect(der(0x04, Buffer.alloc(300)).subarray(0, 4).toString('hex')).toBe('0482012c');
  });

  it("looks like go-plugin's own certificate and verifies", () => {
    const now = new Date('2030-01-02T03:04:05Z');
    const c = generateServerCertificate('localhost', now);
    const x = new X509Certificate(c.certDer);
    expect(x.subject).toBe('O=HashiCorp\nCN=localhost');
    expect(x.issuer).toBe(x.subject);
    expect(x.subjectAltName).toBe('DNS:localhost');
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1']); // extended key usage: client + server auth
    expect(x.ca).toBe(true);
    expect(new Date(x.validFrom).getTime()).toBe(now.getTime() - 30_000);
    expect(new Date(x.validTo).getUTCFullYear()).toBe(2060); // 30 years: GeneralizedTime after 2049
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.checkPrivateKey(createPrivateKey(c.keyPem))).toBe(true);
    expect(new X509Certificate(c.certPem).raw).toEqual(c.certDer);
  });

  it('uses a fresh key pair and serial every time', () => {
    const [a, b] = [generateServerCertificate(), generateServerCertificate()].map((c) => new X509Certificate(c.certDer));
    expect(a!.serialNumber).not.toBe(b!.serialNumber);
    expect(a!.publicKey.export({ format: 'der', type: 'spki' })).not.toEqual(b!.publicKey.export({ format: 'der', type: 'spki' }));
  });
});
