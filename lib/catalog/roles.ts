/**
 * Built-in Azure roles the estate assigns, by their fixed definition ids (the same in every
 * tenant; checked against Microsoft's built-in roles list). Ids rather than names: a role's
 * display name can change, its id cannot.
 */
export const BUILT_IN_ROLES = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  'Storage File Data Privileged Contributor': '69566ab7-960f-475b-8e7c-b3118f30c6bd',
  'Network Contributor': '4d97b98b-1d4f-4787-a291-c67834d212e7',
  'Managed Identity Operator': 'f1a07417-d97a-45cb-824c-7a7467783830',
  'Private DNS Zone Contributor': 'b12aa53e-6015-4669-85d0-8515ebb3ae7f',
  'Azure Event Hubs Data Sender': '2b629674-e913-4c01-ae53-ef4638d8f975',
  'Azure Event Hubs Data Receiver': 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde',
  'Cost Management Reader': '72fafb9e-0641-4937-9268-a91bfd8191a3',
  'Support Request Contributor': 'cfd33db0-3dd1-45e3-aa9d-cdbdf3b6f24e',
  'Log Analytics Contributor': '92aaf0da-9dab-42b6-94a3-d43ce8d16293',
  'Monitoring Contributor': '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
  'Tag Contributor': '4a9ae827-6dc8-4573-8ac7-8239d42aa03f',
  'Data Factory Contributor': '673868aa-7521-48a0-acc6-0f60742d39f5',
  'AzureML Data Scientist': 'f6c7c914-8db3-469d-8ca1-694a8f32e121',
  'Virtual Machine Administrator Login': '1c0163c0-47e6-4577-8991-ea5c82e286e4',
  'Azure Kubernetes Service RBAC Cluster Admin': 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
} as const;
export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** The operator and remediation roles governance assigns (a subset of BUILT_IN_ROLES). */
export const GOVERNANCE_ROLE_NAMES = [
  'Contributor',
  'Reader',
  'Cost Management Reader',
  'Support Request Contributor',
  'Log Analytics Contributor',
  'Monitoring Contributor',
  'Tag Contributor',
  'Network Contributor',
  'Data Factory Contributor',
  'AzureML Data Scientist',
  'Storage Blob Data Reader',
  'Storage Blob Data Contributor',
  'Virtual Machine Administrator Login',
] as const satisfies readonly BuiltInRole[];
export type GovernanceRole = (typeof GOVERNANCE_ROLE_NAMES)[number];
