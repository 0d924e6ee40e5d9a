/**
 * What a self-hosted runtime node runs when it starts (and after every OS image upgrade,
 * which replaces its disk): install the integration runtime, then register it with the
 * runtime's authentication key, which the node reads itself with its managed identity
 * (`listAuthKeys` on the runtime). The key never enters the Terraform configuration: a
 * reference to `primary_authorization_key` would copy it into the extension's settings, the
 * plan and every reader of them (__tests__/no-secrets.test.ts forbids that).
 *
 * After the reference's installSHIRGateway.ps1 (Azure/data-landing-zone): the same download
 * link and `dmgcmd` steps, plus the key fetch and a retry while the role assignment
 * propagates.
 */
const INSTALL_SCRIPT = String.raw`param([Parameter(Mandatory = $true)][string] $RuntimeId, [Parameter(Mandatory = $true)][string] $ClientId)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$config = 'HKLM:\Software\Microsoft\DataTransfer\DataManagementGateway\ConfigurationManager'
if (-not (Test-Path $config)) {
  $msi = Join-Path $env:TEMP 'IntegrationRuntime.msi'
  Invoke-WebRequest -UseBasicParsing -Uri 'https://go.microsoft.com/fwlink/?linkid=839822' -OutFile $msi
  $setup = Start-Process -FilePath msiexec.exe -ArgumentList "/i $msi /quiet /norestart" -Wait -PassThru
  if ($setup.ExitCode -ne 0) { throw "integration runtime setup failed: $($setup.ExitCode)" }
}
$dmgcmd = (Get-ItemProperty -Path $config).DiacmdPath
$imds = "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F&client_id=$ClientId"
$keysUri = "https://management.azure.com$RuntimeId/listAuthKeys?api-version=2018-06-01"
for ($attempt = 1; ; $attempt++) {
  try {
    $token = (Invoke-RestMethod -Headers @{ Metadata = 'true' } -Uri $imds).access_token
    $keys = Invoke-RestMethod -Method Post -Headers @{ Authorization = "Bearer $token" } -Uri $keysUri
    break
  } catch {
    if ($attempt -ge 40) { throw }
    Start-Sleep -Seconds 30
  }
}
& $dmgcmd -EnableRemoteAccess 8060
if ($LASTEXITCODE -ne 0) { throw "dmgcmd -EnableRemoteAccess failed: $LASTEXITCODE" }
& $dmgcmd -Key $keys.authKey1
if ($LASTEXITCODE -ne 0) { throw "dmgcmd -Key failed: $LASTEXITCODE" }
`;

/** The port the nodes talk to each other on (high availability), and the health probe's. */
export const RUNTIME_NODE_PORT = 8060;

/**
 * The Custom Script Extension's public settings (JSON): no secret in them, only the runtime's
 * resource id and the identity's client id. The script travels base64-encoded, so neither
 * Terraform (`${`) nor cmd.exe quoting touches it.
 */
export function installSettings(runtimeId: string, identityClientId: string): string {
  const encoded = Buffer.from(INSTALL_SCRIPT, 'utf8').toString('base64');
  const script = `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${encoded}'))`;
  return JSON.stringify({
    commandToExecute: `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "& ([scriptblock]::Create(${script})) -RuntimeId '${runtimeId}' -ClientId '${identityClientId}'"`,
  });
}
