// The reattach daemon as Terraform's TF_REATTACH_PROVIDERS sees it: one process, a
// socket per provider, no TLS, and a provider instance of its own per connection.
import * as grpc from '@grpc/grpc-js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { decodeMsgpack, encodeMsgpack } from '../cty-msgpack';
import { objectAttributes } from '../cty-types';
import { CtyObject, newObject } from '../cty-value';
import { COMMITTED_SCHEMAS_DIR } from '../offline-providers';
import { startProviderDaemon } from '../provider-daemon';
import { prepareProviderRuntime } from '../provider-runtime';
import { listSchemas } from '../schema-catalog';
import { blockType, loadProviderSchemaFile } from '../schema';
import { AZURERM_SCHEMA, describeWhen, haveSchemas, suiteTempDir } from './prereqs';
import { loadProtos } from './protos';

type Client = grpc.Client & Record<string, (req: object, cb: (err: grpc.ServiceError | null, res: any) => void) => void>;
interface Reattach {
  Protocol: string;
  ProtocolVersion: number;
  Pid: number;
  Test: boolean;
  Addr: { Network: string; String: string };
}

describeWhen(
  haveSchemas(),
  () => [AZURERM_SCHEMA],
  'reattach daemon',
  () => {
    const tmp = suiteTempDir('offline-provider-daemon-');
    const pkg = grpc.loadPackageDefinition(loadProtos()) as any;
    const call = (c: Client, method: string, req: object) =>
      new Promise<any>((resolve, reject) => c[method]!(req, (err, res) => (err ? reject(err) : resolve(res))));
    const connect = (ctor: string, socket: string): Client => {
      const Ctor = ctor.split('.').reduce((o, k) => o[k], pkg);
      return new Ctor(`unix:${socket}`, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 }) as Client;
    };
    const start = () =>
      startProviderDaemon(prepareProviderRuntime(tmp()), listSchemas(COMMITTED_SCHEMAS_DIR), {
        cacheDir: tmp(),
        socketDir: tmp(),
        logFile: join(tmp(), 'provider.log'),
      });

    it('serves every provider on its own socket, one provider instance per connection', async () => {
      const daemon = await start();
      const config = JSON.parse(daemon.reattachProviders) as Record<string, Reattach>;
      expect(Object.keys(config).sort()).toEqual(['registry.terraform.io/hashicorp/azurerm', 'registry.terraform.io/hashicorp/random']);
      const az = config['registry.terraform.io/hashicorp/azurerm']!;
      expect(az).toMatchObject({ Protocol: 'grpc', ProtocolVersion: 6, Test: true, Addr: { Network: 'unix' } });
      expect(existsSync(az.Addr.String)).toBe(true);

      const rgType = blockType(loadProviderSchemaFile(AZURERM_SCHEMA, 'azurerm').schema.resource_schemas!.azurerm_resource_group!.block);
      const providerType = blockType(loadProviderSchemaFile(AZURERM_SCHEMA, 'azurerm').schema.provider!.block);
      const configuredClient = async (subscription: string) => {
        const c = connect('tfplugin6.Provider', az.Addr.String);
        const nulls = Object.fromEntries(Object.keys(objectAttributes(providerType)!).map((k) => [k, null]));
        const configured = Object.assign(newObject(), nulls, { subscription_id: subscription });
        await call(c, 'ConfigureProvider', { config: { msgpack: encodeMsgpack(configured, providerType) } });
        return c;
      };
      const a = await configuredClient('11111111-1111-1111-1111-111111111111');
      const b = await configuredClient('22222222-2222-2222-2222-222222222222');
      const cfg = Object.assign(newObject(), { id: null, name: 'rg1', location: 'westeurope', managed_by: null, tags: null, timeouts: null });
      const applyRg = async (c: Client) => {
        const planned = (
          await call(c, 'PlanResourceChange', {
            type_name: 'azurerm_resource_group',
            prior_state: { msgpack: encodeMsgpack(null, rgType) },
            proposed_new_state: { msgpack: encodeMsgpack(cfg, rgType) },
            config: { msgpack: encodeMsgpack(cfg, rgType) },
          })
        ).planned_state;
        const applied = await call(c, 'ApplyResourceChange', {
          type_name: 'azurerm_resource_group',
          planned_state: planned,
          config: { msgpack: encodeMsgpack(cfg, rgType) },
        });
        return (decodeMsgpack(applied.new_state.msgpack, rgType) as CtyObject).id;
      };
      expect(await applyRg(a)).toBe('/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg1');
      expect(await applyRg(b)).toBe('/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg1');

      // GRPCController.Shutdown answers but stops nothing: other commands still need the daemon.
      await call(connect('plugin.GRPCController', az.Addr.String), 'Shutdown', {});
      expect(Object.keys((await call(a, 'GetProviderSchema', {})).resource_schemas)).toContain('azurerm_resource_group');
      for (const c of [a, b]) c.close();

      await daemon.close();
      expect(daemon.died()).toBeUndefined();
      expect(existsSync(az.Addr.String)).toBe(false);
    });

    it('says so when the daemon dies during a run', async () => {
      const daemon = await start();
      const pid = Object.values(JSON.parse(daemon.reattachProviders) as Record<string, Reattach>)[0]!.Pid;
      process.kill(pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      expect(daemon.died()).toMatch(/offline provider daemon exited \(SIGKILL\)/);
      await daemon.close();
    });
  },
);
