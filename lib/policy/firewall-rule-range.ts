/**
 * Azure SQL and Synapse firewall rules starting at 0.0.0.0 either open the server to every
 * Azure customer's resources (0.0.0.0-0.0.0.0, "Allow Azure services") or to the whole
 * internet (up to 255.255.255.255). Both rules that check them share this test.
 */
export function opensToEveryone(attributes: Readonly<Record<string, unknown>>): boolean {
  return attributes.start_ip_address === '0.0.0.0';
}
