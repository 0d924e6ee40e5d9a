#!/usr/bin/env bash
# Approves the pending connections of one applied stack's own managed private endpoints.
# Run by the deploy workflow after each stack's apply, in the stack's directory
# (lib/pipeline/endpoint-approval.ts says why and how). Needs az, jq, terraform, curl and the
# deployer's OIDC token (ARM_CLIENT_ID, ARM_TENANT_ID, ACTIONS_ID_TOKEN_REQUEST_*).
set -euo pipefail
api=2024-04-01-preview # Purview: the first API versions with ingestion connections (2023-05-01-preview onwards)

# In GitHub Actions: sign in as the deployer with the job's OIDC token. Elsewhere: as whoever ran `az login`.
if [ -n "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ]; then
  token=$(curl -sSf -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=api://AzureADTokenExchange" | jq -r .value)
  az login --service-principal -u "$ARM_CLIENT_ID" -t "$ARM_TENANT_ID" --federated-token "$token" --allow-no-subscriptions --output none
fi

state=$(terraform show -json)
resources() { jq -c '.values.root_module.resources[]?' <<<"$state"; }

# The Purview account: its own in the management zone, from the remote state in a landing zone.
purview=$(resources | jq -rs '[.[] | if .type == "azurerm_purview_account" then .values.id
  elif .type == "terraform_remote_state" then (.values.outputs.value.purview_account_id // empty) else empty end] | first // empty')

# Pending connections on a target whose private endpoint is named $2, approved through the network API.
approve_on_target() {
  az network private-endpoint-connection list --id "$1" --output json |
    jq -r --arg pe "$2" '.[] | select(.properties.privateLinkServiceConnectionState.status == "Pending")
      | select(.properties.privateEndpoint.id | endswith("/" + $pe)) | .id' |
    while read -r connection; do
      az network private-endpoint-connection approve --id "$connection" --description "Approved by the estate deploy workflow" --output none
    done
}

# Pending ingestion connections of the Purview account (its Microsoft-hosted ingestion storage) named $1.
approve_ingestion() {
  [ -n "$purview" ] || return 0
  az rest --method get --url "https://management.azure.com$purview/ingestionPrivateEndpointConnections?api-version=$api" |
    jq -r --arg pe "$1" '.value[]? | select(.properties.privateLinkServiceConnectionState.status == "Pending")
      | .properties.privateEndpoint.id | select(endswith("/" + $pe))' |
    while read -r endpoint; do
      az rest --method post --url "https://management.azure.com$purview/ingestionPrivateEndpointConnectionStatus?api-version=$api" \
        --body "{\"privateEndpointId\": \"$endpoint\", \"status\": \"Approved\"}" --output none
    done
}

# Each managed private endpoint of the stack: Azure names its private endpoint <factory or workspace>.<endpoint>.
resources | jq -r 'select(.type == "azurerm_data_factory_managed_private_endpoint" or .type == "azurerm_synapse_managed_private_endpoint")
  | .values as $v | (($v.data_factory_id // $v.synapse_workspace_id) | split("/") | last) as $owner
  | "\($v.target_resource_id)\t\($owner).\($v.name)"' |
  while IFS=$'\t' read -r target endpoint; do
    # A target outside the estate's reach (Purview's ingestion storage, in Microsoft's subscription)
    # cannot be listed: its connections are approved through the Purview account instead.
    approve_on_target "$target" "$endpoint" 2>/dev/null || approve_ingestion "$endpoint"
  done

# The management zone's own private endpoints to Purview's ingestion targets (blob, queue, namespace).
if resources | jq -e 'select(.type == "azurerm_purview_account")' >/dev/null; then
  resources | jq -r 'select(.type == "azurerm_private_endpoint")
    | select(.values.private_service_connection[0].subresource_names[0] | IN("blob", "queue", "namespace")) | .values.name' |
    while read -r endpoint; do approve_ingestion "$endpoint"; done
fi
