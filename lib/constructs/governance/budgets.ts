import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';
import { ConsumptionBudgetSubscription } from '@cdktf/provider-azurerm/lib/consumption-budget-subscription';
import { Construct } from 'constructs';
import { withPreviousIds } from '../shared/previous-ids';
import type { Budget } from '../../contract/governance';

/**
 * The budget's first month: the current one when Terraform creates it (Azure rejects
 * earlier months and needs the first of a month). Ignored afterwards, so it never diffs.
 */
const START_OF_THIS_MONTH = "${formatdate(\"YYYY-MM-01'T'00:00:00'Z'\", timestamp())}";

function notifications(budget: Budget) {
  return budget.thresholds.map((threshold) => ({
    enabled: true,
    threshold,
    operator: 'GreaterThanOrEqualTo',
    thresholdType: 'Actual',
    contactEmails: [...budget.contactEmails],
  }));
}

/** An integration's or product's budget. */
export interface ItemBudget {
  readonly resourceGroupId: string;
  readonly name: string;
  readonly budget: Budget;
  /** The item's earlier names, oldest first: the budget's earlier construct ids. @default none */
  readonly previousNames?: readonly string[];
}

export interface BudgetsProps {
  /**
   * The zone subscription's budget.
   * @default none
   */
  readonly subscription?: { readonly subscriptionId: string; readonly name: string; readonly budget: Budget };
  /** Budgets of integrations and products, on their own resource groups, by item name. */
  readonly resourceGroups: Readonly<Record<string, ItemBudget>>;
}

/**
 * Monthly cost budgets with email alerts at their thresholds (actual spend): one on the
 * zone subscription, one per integration or product resource group that asks for one.
 */
export class Budgets extends Construct {
  readonly subscription?: ConsumptionBudgetSubscription;
  readonly resourceGroups: Readonly<Record<string, ConsumptionBudgetResourceGroup>>;

  constructor(scope: Construct, id: string, props: BudgetsProps) {
    super(scope, id);
    if (props.subscription) {
      const { subscriptionId, name, budget } = props.subscription;
      this.subscription = new ConsumptionBudgetSubscription(this, 'subscription', {
        name,
        subscriptionId: `/subscriptions/${subscriptionId}`,
        amount: budget.amount,
        timeGrain: 'Monthly',
        timePeriod: { startDate: START_OF_THIS_MONTH },
        notification: notifications(budget),
        lifecycle: { ignoreChanges: ['time_period'] },
      });
    }
    this.resourceGroups = Object.fromEntries(
      Object.entries(props.resourceGroups).map(([item, { resourceGroupId, name, budget, previousNames = [] }]) => [
        item,
        withPreviousIds(
          new ConsumptionBudgetResourceGroup(this, item, {
            name,
            resourceGroupId,
            amount: budget.amount,
            timeGrain: 'Monthly',
            timePeriod: { startDate: START_OF_THIS_MONTH },
            notification: notifications(budget),
            lifecycle: { ignoreChanges: ['time_period'] },
          }),
          previousNames,
        ),
      ]),
    );
  }
}
