import {
  AzurermBackend,
  AzurermBackendConfig,
  DataTerraformRemoteStateAzurerm,
  DataTerraformRemoteStateLocal,
  LocalBackend,
  TerraformRemoteState,
  TerraformStack,
} from 'cdktf';
import { Construct } from 'constructs';
import * as path from 'path';
import { Backend } from '../lib/estate/model';

/** Where synth writes and runs from: local state paths are made relative to each stack's working directory. */
export interface OutputLocation {
  /** The cdktf output directory the stacks end up in (cdktf.out), absolute. */
  readonly outdir: string;
  /** The directory relative state directories are resolved from (where synth runs). */
  readonly projectDir: string;
}

/** A local state path as seen from `<outdir>/stacks/<stack>`, where cdktf and Terraform run. */
function localStatePath(backend: Extract<Backend, { type: 'local' }>, location: OutputLocation, stackName: string, forStack: string): string {
  const stateDir = path.resolve(location.projectDir, backend.stateDirectory);
  const file = path.join(stateDir, `${stackName}.tfstate`);
  if (path.isAbsolute(backend.stateDirectory)) return file;
  const workingDirectory = path.join(location.outdir, 'stacks', forStack);
  return path.relative(workingDirectory, file).split(path.sep).join('/');
}

/** The stack's own state: one state per zone, keyed by stack name. */
export function addZoneBackend(stack: TerraformStack, backend: Backend, location: OutputLocation, stackName: string): void {
  if (backend.type === 'local') {
    new LocalBackend(stack, { path: localStatePath(backend, location, stackName, stackName) });
  } else {
    new AzurermBackend(stack, azurermConfig(backend, stackName));
  }
}

/** A terraform_remote_state data source reading another zone's state through the same backend. */
export function zoneRemoteState(
  scope: Construct,
  id: string,
  backend: Backend,
  location: OutputLocation,
  stackName: string,
  forStack: string,
): TerraformRemoteState {
  if (backend.type === 'local') {
    return new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(backend, location, stackName, forStack) });
  }
  return new DataTerraformRemoteStateAzurerm(scope, id, azurermConfig(backend, stackName));
}

/** The same azurerm settings for a stack's own state and for reading it: one key per stack under the estate's prefix, Entra ID auth. */
function azurermConfig(backend: Extract<Backend, { type: 'azurerm' }>, stackName: string): AzurermBackendConfig {
  return {
    resourceGroupName: backend.resourceGroupName,
    storageAccountName: backend.storageAccountName,
    containerName: backend.containerName,
    key: `${backend.keyPrefix}/${stackName}.tfstate`,
    ...(backend.subscriptionId ? { subscriptionId: backend.subscriptionId } : {}),
    useAzureadAuth: true,
  };
}
