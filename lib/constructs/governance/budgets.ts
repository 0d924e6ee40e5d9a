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

/**
 * An integration's or product's budget: on the zone subscription, counting the cost of the
 * resources that carry the item's tag (`dataIntegration: <name>` or `dataProduct: <name>`).
 * Not on the item's own resource group: an item's resources also lie in the shared groups
 * (a Synapse integration's Spark pool is in the shared product group), and a resource
 * group budget counts only the group's own resources.
 */
export interface ItemBudget {
  /** The zone subscription (its id, without `/subscriptions/`). */
  readonly subscriptionId: string;
  readonly name: string;
  /** The tag every resource of the item carries (CostCenterAspect sets it). */
  readonly tag: { readonly name: string; readonly value: string };
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
  /** Budgets of integrations and products, by item name (the construct id). */
  readonly items: Readonly<Record<string, ItemBudget>>;
}

/**
 * Monthly cost budgets with email alerts at their thresholds (actual spend): one on the
 * zone subscription, one per integration or product that asks for one (on the subscription
 * too, filtered by the item's tag).
 */
export class Budgets extends Construct {
  readonly subscription?: ConsumptionBudgetSubscription;
  readonly items: Readonly<Record<string, ConsumptionBudgetSubscription>>;

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
    this.items = Object.fromEntries(
      Object.entries(props.items).map(([item, { subscriptionId, name, tag, budget, previousNames = [] }]) => [
        item,
        // Same construct id as the resource group budget it replaces (the address changes with the type: Terraform replaces it).
        withPreviousIds(
          new ConsumptionBudgetSubscription(this, item, {
            name,
            subscriptionId: `/subscriptions/${subscriptionId}`,
            amount: budget.amount,
            timeGrain: 'Monthly',
            timePeriod: { startDate: START_OF_THIS_MONTH },
            filter: { tag: [{ name: tag.name, operator: 'In', values: [tag.value] }] },
            notification: notifications(budget),
            lifecycle: { ignoreChanges: ['time_period'] },
          }),
          previousNames,
        ),
      ]),
    );
  }
}
