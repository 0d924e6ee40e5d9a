import { SECRET_ARGUMENT, SECRET_REFERENCE, SECRET_TYPE, SECRET_VALUE } from '../lib/catalog/secret-patterns';
import { loadShippedEstate, StackJson, synth } from './helpers/synth';

/**
 * No password, key, token or connection string may appear in any synthesized stack:
 * not as an argument, not as a reference to a secret attribute (an output or argument
 * reading `primary_access_key` would copy the secret into state readers' hands), not as a
 * literal value. Every stack of both shipped estates is scanned, and of variants that
 * switch on every optional service.
 */

/** `<path>: <problem>` for every secret-looking thing in `value`. */
function secrets(path: string, value: unknown): string[] {
  if (typeof value === 'string') {
    const problems: string[] = [];
    if (SECRET_REFERENCE.test(value)) problems.push(`${path}: references a secret attribute: ${value}`);
    if (SECRET_VALUE.test(value)) problems.push(`${path}: holds a secret-looking value`);
    return problems;
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => secrets(`${path}[${i}]`, item));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(SECRET_ARGUMENT.test(key) ? [`${path}.${key}: secret argument`] : []),
      ...secrets(`${path}.${key}`, item),
    ]);
  }
  return [];
}

/**
 * The one deliberate secret: a Windows scale set must have a local administrator password
 * (`admin_password` is required and has no write-only form in azurerm 4.55). The self-hosted
 * runtime's nodes get a random one, sensitive in the state and passed nowhere else: not
 * output, not read by any other resource (those would still be reported). Sign-in is Entra ID.
 */
const RUNTIME_HOSTS_PASSWORD = /^landing-zone_runtimes_hosts_admin-password_[0-9A-F]{8}$/;
const DELIBERATE =
  /^[\w-]+:azurerm_windows_virtual_machine_scale_set\.landing-zone_runtimes_hosts_scale-set_[0-9A-F]{8}\.admin_password: (secret argument|references a secret attribute: \$\{random_password\.landing-zone_runtimes_hosts_admin-password_[0-9A-F]{8}\.result\})$/;

function stackSecrets(name: string, stack: StackJson): string[] {
  return anySecrets(name, stack).filter((problem) => !DELIBERATE.test(problem));
}

function anySecrets(name: string, stack: StackJson): string[] {
  // cdktf's "//" metadata holds construct paths only; dropped so a construct id cannot trip the scan.
  const body: StackJson = JSON.parse(JSON.stringify(stack, (key, v) => (key === '//' ? undefined : v)));
  const problems: string[] = [];
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byId] of Object.entries(body[kind] ?? {})) {
      const deliberate = type === 'random_password' && Object.keys(byId).every((id) => RUNTIME_HOSTS_PASSWORD.test(id));
      if (SECRET_TYPE.test(type) && !deliberate) problems.push(`${name}: secret-producing type ${type}`);
      // Logical ids are construct paths (e.g. "purview-key-vault-secrets-user"), not arguments: scan the bodies.
      for (const [id, config] of Object.entries(byId)) problems.push(...secrets(`${name}:${kind === 'data' ? 'data.' : ''}${type}.${id}`, config));
    }
  }
  for (const [output, { value }] of Object.entries(body.output ?? {})) {
    if (SECRET_ARGUMENT.test(output)) problems.push(`${name}:output.${output}: secret output name`);
    problems.push(...secrets(`${name}:output.${output}`, value));
  }
  problems.push(...secrets(`${name}:provider`, body.provider ?? {}), ...secrets(`${name}:terraform`, body.terraform ?? {}));
  return problems;
}

const everythingOn = (name: 'relecloud' | 'adatum') => {
  const estate = loadShippedEstate(name);
  estate.managementZone.purview = { rootCollectionAdmins: ['11111111-1111-1111-1111-111111111111'] };
  for (const zone of estate.landingZones) {
    zone.sharedServices = { ...(zone.sharedServices ?? {}), eventHub: true, selfHostedIntegrationRuntime: true, dataFactory: true, synapse: true };
  }
  return estate;
};

describe.each([
  ['relecloud.yaml', () => loadShippedEstate('relecloud')],
  ['adatum.yaml', () => loadShippedEstate('adatum')],
  ['relecloud.yaml with every optional service on', () => everythingOn('relecloud')],
  ['adatum.yaml with every optional service on', () => everythingOn('adatum')],
])('estates/%s', (_name, estate) => {
  const { stacks } = synth(estate());

  it.each(Object.keys(stacks))('stack %s holds no password, key, token or connection string', (stack) => {
    expect(stackSecrets(stack, stacks[stack])).toEqual([]);
  });
});

describe('the secret scan', () => {
  it.each([
    ['an administrator password', { resource: { azurerm_mssql_server: { s: { administrator_login_password: 'x' } } } }],
    ['a SQL login', { resource: { azurerm_mssql_server: { s: { administrator_login: 'SuperMainUser' } } } }],
    ['a Synapse SQL password', { resource: { azurerm_synapse_workspace: { s: { sql_administrator_login_password: 'x' } } } }],
    ['a connection string', { resource: { azurerm_data_factory_linked_service_azure_sql_database: { l: { connection_string: 'Server=x' } } } }],
    ['an access key reference', { output: { key: { value: '${azurerm_storage_account.a.primary_access_key}' } } }],
    [
      'a self-hosted runtime key reference',
      {
        resource: {
          azurerm_virtual_machine_extension: { e: { settings: '${azurerm_data_factory_integration_runtime_self_hosted.r.primary_authorization_key}' } },
        },
      },
    ],
    ['a SAS token', { terraform: { backend: { azurerm: { sas_token: 'sv=2020' } } } }],
    ['a SAS data source', { data: { azurerm_storage_account_sas: { s: {} } } }],
    ['a literal account key', { resource: { azurerm_app_service: { a: { app_settings: { STORAGE: 'DefaultEndpointsProtocol=https;AccountKey=abc' } } } } }],
    ['a generated password', { resource: { random_password: { p: { length: 16 } } } }],
    [
      "the runtime hosts' password read by anything but their admin_password",
      {
        resource: { random_password: { 'landing-zone_runtimes_hosts_admin-password_A804DE9E': { length: 32 } } },
        output: { p: { value: '${random_password.landing-zone_runtimes_hosts_admin-password_A804DE9E.result}' } },
      },
    ],
    ['a JWT', { resource: { azurerm_app_service: { a: { app_settings: { TOKEN: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig' } } } } }],
  ])('fails on %s', (_what, stack) => {
    expect(stackSecrets('s', stack as StackJson).length).toBeGreaterThan(0);
  });

  it('passes the settings that forbid secrets', () => {
    const stack = {
      resource: {
        azurerm_storage_account: { a: { shared_access_key_enabled: false, local_user_enabled: false } },
        azurerm_eventhub_namespace: { e: { local_authentication_enabled: false } },
        azurerm_mssql_server: {
          s: { azuread_administrator: { azuread_authentication_only: true, login_username: '${azurerm_user_assigned_identity.i.name}' } },
        },
      },
    };
    expect(stackSecrets('s', stack as StackJson)).toEqual([]);
  });
});
