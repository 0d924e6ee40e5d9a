/**
 * The approval of the estate's managed private endpoints, as a deploy workflow step.
 *
 * Azure creates the managed private endpoints of a Data Factory or Synapse managed virtual
 * network *Pending*: the owner of the target approves them. After each stack's apply,
 * `scripts/approve-private-endpoints.sh` reads the stack's own state and, for each
 * `azurerm_data_factory_managed_private_endpoint` and `azurerm_synapse_managed_private_endpoint`
 * in it, approves on that endpoint's target only the pending connections whose private
 * endpoint is that managed endpoint (Azure names it `<factory or workspace>.<managed endpoint>`).
 * Connections of anyone else's endpoints on the same target stay pending. A target the
 * deployer cannot list (Purview's Microsoft-hosted ingestion storage) is approved through the
 * Purview account's ingestion connection API, again only for the stack's own endpoints; the
 * management zone's own Purview ingestion endpoints likewise, should Purview leave them
 * pending. The script lives in the repository (the apply job checks it out): one copy, not
 * one per stack in a workflow file GitHub caps at 500 KB.
 */

/** The script, from the repository root. */
export const APPROVAL_SCRIPT = 'scripts/approve-private-endpoints.sh';

/** The step that follows `Apply <stack>`, in the stack's directory; the job signs the CLI in with its OIDC token. */
export function endpointApprovalStep(stack: string, stackDir: string): Record<string, string> {
  return { name: `Approve the managed private endpoints of ${stack}`, 'working-directory': stackDir, run: `bash "$GITHUB_WORKSPACE/${APPROVAL_SCRIPT}"` };
}
