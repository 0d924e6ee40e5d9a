/**
 * What a credential looks like in Terraform JSON and plans: the one set of patterns used by the
 * plan rule CSA-PLAN-003 (lib/policy/plan-rules/no-secrets-in-plan.ts) and by the scan of every
 * synthesized stack (__tests__/no-secrets.test.ts), so the two never disagree on what a secret is.
 */

/**
 * Argument names that carry a credential (in a resource, data source, provider, backend or
 * output). `shared_access_key_enabled` and the like are switches, not keys.
 */
export const SECRET_ARGUMENT =
  /password|secret|(?<!shared_)access_key|connection_string|(^|_)sas(_|$)|sas_token|authorization_key|auth_key|primary_key|secondary_key|private_key|storage_key|custom_data|client_certificate|administrator_login$/i;

/** Attributes whose value is a secret, when referenced from anywhere (`${x.y.primary_access_key}`). */
export const SECRET_REFERENCE =
  /\.(primary|secondary)_(access_key|connection_string|authorization_key|key|blob_connection_string)|\.(default_)?(primary|secondary)_connection_string|\.administrator_login_password|\.sql_administrator_login_password|\.result\b|\.private_key|\.client_secret|\.auth_key/;

/** Literal credentials and the formats that only ever carry one: account keys, SAS signatures, passwords, private keys, JWTs. */
export const SECRET_VALUE =
  /AccountKey=|SharedAccessKey=|SharedAccessSignature|[?&]sig=|Password=|pwd=|-----BEGIN [A-Z ]*PRIVATE KEY-----|\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./i;

/** Resource and data source types that exist to produce secrets. */
export const SECRET_TYPE = /password|_sas$|_key$|secret|random_string|tls_private_key/;
