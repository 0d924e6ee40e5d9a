import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND_OVERRIDE_FILE, dropHttpBackendSettings, startStateServer, stateAddressEnv, useStateServer } from '../state-server';
import { Workspace } from '../workspace';

describe('offline state server', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'state-server-')));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores each state in the file the local backend would use', async () => {
    const server = await startStateServer(root);
    try {
      const file = join(root, 'project', 'terraform-state', 'dir with space', 'a.tfstate');
      const url = server.address(file);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{24}\/project\/terraform-state\/dir%20with%20space\/a\.tfstate$/);
      expect((await fetch(url)).status).toBe(404); // no state yet
      expect((await fetch(url, { method: 'POST', body: '{"serial":1}' })).status).toBe(200);
      expect(readFileSync(file, 'utf8')).toBe('{"serial":1}');
      expect(await (await fetch(url)).text()).toBe('{"serial":1}');
      expect((await fetch(url, { method: 'DELETE' })).status).toBe(200);
      expect(existsSync(file)).toBe(false);
      // Only under the random prefix, and only inside the root.
      const base = url.slice(0, url.indexOf('/project/'));
      expect((await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
      expect((await fetch(url.replace(/\/[0-9a-f]{24}\//, '/000000000000000000000000/'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('points stacks with a backend at it through an override file, leaving cdk.tf.json alone', async () => {
    const server = await startStateServer(root);
    const stack = (name: string, doc: object) => {
      const dir = join(root, 'stacks', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(doc));
      return { dir, configFile: join(dir, 'cdk.tf.json'), stateFile: join(root, 'terraform-state', `${name}.tfstate`) };
    };
    const withBackend = stack('a', { terraform: { backend: { local: { path: '../../terraform-state/a.tfstate' } } } });
    const without = stack('b', { resource: {} });
    const ws = {
      root,
      stacks: new Map([
        ['a', withBackend],
        ['b', without],
      ]),
    } as unknown as Workspace;
    useStateServer(ws, server);
    await server.close();
    const override = JSON.parse(readFileSync(join(withBackend.dir, BACKEND_OVERRIDE_FILE), 'utf8'));
    // The address goes to TF_HTTP_ADDRESS, so all stacks share one backend configuration (and one init).
    expect(override).toEqual({ terraform: { backend: { http: {} } } });
    expect(stateAddressEnv(ws.stacks.get('a')!)).toEqual({ TF_HTTP_ADDRESS: server.address(withBackend.stateFile) });
    expect(stateAddressEnv(ws.stacks.get('b')!)).toEqual({});
    expect(readFileSync(withBackend.configFile, 'utf8')).toContain('"local"');
    expect(existsSync(join(without.dir, BACKEND_OVERRIDE_FILE))).toBe(false);
  });

  it('drops http backend settings from the environment', () => {
    const env = { TF_HTTP_ADDRESS: 'x', TF_HTTP_LOCK_ADDRESS: 'y', PATH: '/bin' };
    dropHttpBackendSettings(env);
    expect(env).toEqual({ PATH: '/bin' });
  });
});
