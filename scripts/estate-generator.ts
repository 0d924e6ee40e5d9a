/**
 * Generated estates for benchmarks and scale tests: `count` landing zones, each in its
 * own subscription with one data integration and one data product reading it.
 */
export function generatedEstate(count: number, options: { estate?: string } = {}): Record<string, any> {
  return {
    estate: options.estate ?? 'gen',
    environment: 'dev',
    location: 'westeurope',
    managementZone: { subscriptionId: '00000000-0000-0000-0000-000000000001' },
    landingZones: Array.from({ length: count }, (_, i) => ({
      name: `lz${i + 1}`,
      subscriptionId: `00000000-0000-0000-0001-${String(i + 1).padStart(12, '0')}`,
      dataIntegrations: [{ name: 'ingest', sources: ['erp'], engine: 'data-factory' }],
      dataProducts: [{ name: 'report', template: 'batch', inputs: ['ingest'] }],
    })),
  };
}
