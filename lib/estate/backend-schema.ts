import { z } from 'zod';
import { guid } from './schema-fields';

/** The estate file's `backend` (schema.ts): where each zone's Terraform state lives. */

const localBackend = z.strictObject({
  type: z.literal('local').describe('One state file per zone in a local directory.'),
  stateDirectory: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[^\0\n\r"]+$/, { error: 'must be a plain path' })
    .default('terraform-state')
    .describe(
      'Directory holding a folder per estate and environment (<estate>-<environment>/) with one <stack>.tfstate per zone, relative to where synth runs. @default terraform-state',
    ),
});

const azurermBackend = z.strictObject({
  type: z.literal('azurerm').describe("Each zone's state as <keyPrefix>/<stack>.tfstate in an Azure storage container, with Entra ID auth (use_azuread_auth)."),
  resourceGroupName: z
    .string()
    .regex(/^[-\w._()]{1,90}$/, { error: 'must be a resource group name (1-90 characters)' })
    .describe('Resource group of the state storage account.'),
  storageAccountName: z
    .string()
    .regex(/^[a-z0-9]{3,24}$/, { error: 'must be 3-24 lowercase letters and digits' })
    .describe('The state storage account.'),
  containerName: z
    .string()
    .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, { error: 'must be a 3-63 character container name of a-z, 0-9 and single hyphens' })
    .describe('The blob container holding the state files.'),
  subscriptionId: guid('the subscription holding the state storage account')
    .optional()
    .describe('Subscription of the state storage account. @default the subscription of the deploying identity'),
  keyPrefix: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/, {
      error: 'must be blob path segments of letters, digits, ".", "_" and "-" separated by single "/", with no leading or trailing "/"',
    })
    .optional()
    .describe('Folder of the state files in the container, so estates and environments never share state. @default <estate>/<environment>'),
});

export const backend = z
  .discriminatedUnion('type', [localBackend, azurermBackend], {
    error: 'type must be "local" or "azurerm"',
  })
  .default({ type: 'local', stateDirectory: 'terraform-state' })
  .describe("Where each zone's Terraform state lives. azurerm uses Entra ID auth only; no keys or SAS tokens.");
