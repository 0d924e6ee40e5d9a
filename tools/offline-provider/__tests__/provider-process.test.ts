// The stand-in as Terraform sees it: a process started with go-plugin's environment
// that prints a handshake line and serves gRPC over a unix socket with mutual TLS.
import * as grpc from '@grpc/grpc-js';
import { ChildProcess, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { decodeMsgpack, encodeMsgpack } from '../cty-msgpack';
import { CtyObject, newObject, Unknown } from '../cty-value';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, parseHandshakeLine, ParsedHandshake } from '../handshake';
import { prepareProviderRuntime } from '../provider-runtime';
import { loadProtos } from './protos';
import { blockType, loadProviderSchemaFile } from '../schema';
import { generateServerCertificate } from '../tls-cert';
import { AZURERM_SCHEMA, describeWhen, haveSchemas, suiteTempDir } from './prereqs';

type Client = grpc.Client & Record<string, (req: object, cb: (err: grpc.ServiceError | null, res: any) => void) => void>;

describeWhen(
  haveSchemas(),
  () => [AZURERM_SCHEMA],
  'stand-in provider process',
  () => {
    const tmp = suiteTempDir('offline-provider-proc-');
    const clientCert = generateServerCertificate(); // same shape as go-plugin's client certificate
    const children: ChildProcess[] = [];

    afterAll(() => {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    });

    function start(env: Record<string, string | undefined>): {
      child: ChildProcess;
      handshake: Promise<{ line: ParsedHandshake; ms: number }>;
      exit: Promise<number | null>;
      stderr: () => string;
    } {
      const runtime = prepareProviderRuntime(tmp());
      const t0 = process.hrtime.bigint();
      const child = spawn(runtime.argv[0]!, [...runtime.argv.slice(1), '--schema', AZURERM_SCHEMA, '--provider', 'azurerm'], {
        env: { ...process.env, ...runtime.env, OFFLINE_PROVIDER_CACHE_DIR: tmp(), PLUGIN_UNIX_SOCKET_DIR: tmp(), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let err = '';
      child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      const handshake = new Promise<{ line: ParsedHandshake; ms: number }>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (b: Buffer) => {
          out += b.toString();
          if (out.includes('\n')) resolve({ line: parseHandshakeLine(out.split('\n')[0]!), ms: Number(process.hrtime.bigint() - t0) / 1e6 });
        });
        child.on('exit', () => reject(new Error(`exited before handshake: ${err}`)));
      });
      handshake.catch(() => {}); // the refusal tests never get a handshake; they await `exit`
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      return { child, handshake, exit, stderr: () => err };
    }

    const goPluginEnv = () => ({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCert.certPem });

    function client(ctor: string, h: ParsedHandshake, withClientCert = true): Client {
      const pkg = grpc.loadPackageDefinition(loadProtos()) as any;
      const serverPem = new X509Certificate(h.certDer!).toString();
      const creds = withClientCert
        ? grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(clientCert.keyPem), Buffer.from(clientCert.certPem))
        : grpc.credentials.createSsl(Buffer.from(serverPem));
      const Ctor = ctor.split('.').reduce((o, k) => o[k], pkg);
      return new Ctor(`unix:${h.address}`, creds, { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' }) as Client;
    }

    const call = (c: Client, method: string, req: object) =>
      new Promise<any>((resolve, reject) => c[method]!(req, (err, res) => (err ? reject(err) : resolve(res))));

    it('handshakes like go-plugin, serves tfplugin6 over mTLS, and exits on Shutdown', async () => {
      const p = start(goPluginEnv());
      const { line, ms } = await p.handshake;
      console.log(`provider start (spawn -> handshake line): ${ms.toFixed(0)} ms`);
      // Timed for the record only (typically ~200 ms): wall-clock limits fail on a loaded machine, so none is asserted.
      expect(line).toMatchObject({ core: 1, protocol: 6, network: 'unix', transport: 'grpc' });
      expect(existsSync(line.address)).toBe(true);
      const cert = new X509Certificate(line.certDer!);
      expect(cert.subjectAltName).toBe('DNS:localhost');
      expect(cert.checkHost('localhost')).toBe('localhost');
      expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth

      // Without the client certificate Terraform sent us, nobody gets in.
      const stranger = client('tfplugin6.Provider', line, false);
      await expect(call(stranger, 'GetMetadata', {})).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
      stranger.close();

      const provider = client('tfplugin6.Provider', line);
      const schema = await call(provider, 'GetProviderSchema', {});
      // Every resource type of the schema file it was started with (the committed, trimmed data).
      expect(Object.keys(schema.resource_schemas).sort()).toEqual(
        Object.keys(loadProviderSchemaFile(AZURERM_SCHEMA, 'azurerm').schema.resource_schemas!).sort(),
      );
      expect(Object.keys(schema.resource_schemas)).toContain('azurerm_resource_group');
      expect(schema.server_capabilities.get_provider_schema_optional).toBe(true);

      const health = client('grpc.health.v1.Health', line);
      expect(await call(health, 'Check', { service: 'plugin' })).toMatchObject({ status: 'SERVING' });

      // A create plan, then apply, over the wire.
      const rgType = blockType(loadProviderSchemaFile(AZURERM_SCHEMA, 'azurerm').schema.resource_schemas!.azurerm_resource_group!.block);
      const cfg = Object.assign(newObject(), { id: null, name: 'rg1', location: 'westeurope', managed_by: null, tags: null, timeouts: null });
      const dv = { msgpack: encodeMsgpack(cfg, rgType) };
      const validated = await call(provider, 'ValidateResourceConfig', { type_name: 'azurerm_resource_group', config: dv });
      expect(validated.diagnostics).toEqual([]);
      const plan = await call(provider, 'PlanResourceChange', {
        type_name: 'azurerm_resource_group',
        prior_state: { msgpack: encodeMsgpack(null, rgType) },
        proposed_new_state: dv,
        config: dv,
      });
      expect(plan.diagnostics).toEqual([]);
      const planned = decodeMsgpack(plan.planned_state.msgpack, rgType) as CtyObject;
      expect(planned.id).toBeInstanceOf(Unknown);
      const applied = await call(provider, 'ApplyResourceChange', {
        type_name: 'azurerm_resource_group',
        prior_state: { msgpack: encodeMsgpack(null, rgType) },
        planned_state: plan.planned_state,
        config: dv,
      });
      expect((decodeMsgpack(applied.new_state.msgpack, rgType) as CtyObject).id).toBe('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1');

      const bad = await call(provider, 'ValidateResourceConfig', { type_name: 'azurerm_no_such_thing', config: dv });
      expect(bad.diagnostics[0]).toMatchObject({ severity: 'ERROR', detail: expect.stringContaining('no resource type "azurerm_no_such_thing"') });
      const imported = await call(provider, 'ImportResourceState', { type_name: 'azurerm_resource_group', id: '/x' });
      // Over the wire too: the import answers with the id only (plan-semantics.ts importedObject).
      expect(imported.diagnostics).toEqual([]);
      expect(imported.imported_resources).toEqual([expect.objectContaining({ type_name: 'azurerm_resource_group' })]);
      expect(imported.imported_resources[0].state.msgpack.length).toBeGreaterThan(0);

      const controller = client('plugin.GRPCController', line);
      const t0 = Date.now();
      await call(controller, 'Shutdown', {});
      expect(await p.exit).toBe(0);
      expect(Date.now() - t0).toBeLessThan(1500); // go-plugin kills after 2 s
      expect(existsSync(line.address)).toBe(false);
      for (const c of [provider, health, controller]) c.close();
    });

    it('refuses to run without the go-plugin magic cookie', async () => {
      const p = start({ [MAGIC_COOKIE_KEY]: undefined });
      expect(await p.exit).toBe(1);
      expect(p.stderr()).toContain('This binary is a plugin');
    });

    it('refuses clients that do not offer protocol 6', async () => {
      const p = start({ ...goPluginEnv(), PLUGIN_PROTOCOL_VERSIONS: '5' });
      expect(await p.exit).toBe(1);
      expect(p.stderr()).toContain('Incompatible API version');
    });
  },
);
