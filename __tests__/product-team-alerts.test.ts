import { validateEstate } from '../lib/estate/load';
import { EstateValidationError } from '../lib/util/problems';
import { all, resources } from './helpers/stack-query';
import { loadShippedEstate, synth } from './helpers/synth';

describe('data product team alerts', () => {
  it('e-mails the product team on failed runs when the estate names a team address', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].dataProducts[0].team = { email: 'sales-analytics@example.com' };
    const sales = synth(estate).stacks['dlz-sales'];
    const groups = all(sales, 'azurerm_monitor_action_group');
    expect(groups).toHaveLength(1);
    expect(groups[0].email_receiver).toEqual([expect.objectContaining({ email_address: 'sales-analytics@example.com' })]);
    const alerts = all(sales, 'azurerm_monitor_metric_alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].action[0].action_group_id).toMatch(/^\$\{azurerm_monitor_action_group\..*\.id\}$/);
    expect(alerts[0].scopes[0]).toMatch(/^\$\{azurerm_data_factory\..*\.id\}$/);
  });

  it('deploys no alert without an address', () => {
    const sales = synth(loadShippedEstate('adatum')).stacks['dlz-sales'];
    expect(Object.keys(resources(sales, 'azurerm_monitor_action_group'))).toHaveLength(0);
  });

  it('fails when the team address is not an e-mail address', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].dataProducts[0].team = { email: 'sales team' };
    try {
      validateEstate(estate);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(EstateValidationError);
      expect((e as EstateValidationError).problems).toEqual([
        { path: 'landingZones[0].dataProducts[0].team.email', message: expect.stringContaining('must be an email address') },
      ]);
    }
  });
});
