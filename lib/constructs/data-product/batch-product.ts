import { Construct } from 'constructs';
import { TemplateNamesOf } from '../../naming/item-names';
import { FactoryTarget } from '../data-items/dedicated-data-factory';
import { DataItemContext, ItemIdentity } from '../data-items/item-context';
import { Grant } from '../shared/grants';
import { ProductSqlDatabase } from './product-sql-database';

export interface BatchProductProps {
  readonly names: TemplateNamesOf<'batch'>;
  readonly context: DataItemContext;
  readonly identity: ItemIdentity;
}

/**
 * Template `batch` (reference section C, `sqlFlavour: sql`): the product's serving
 * database, an Azure SQL database on its own Entra-ID-only server administered by the
 * product's identity. Business analysts connect Power BI to it (or to the product's
 * Synapse pool). Its vault, engine and alerts come with every product.
 */
export class BatchProduct extends Construct {
  readonly database: ProductSqlDatabase;
  readonly grants: Readonly<Record<string, Grant>> = {};
  /** A dedicated factory reaches the server through a managed private endpoint. */
  readonly factoryTargets: Readonly<{ sql: FactoryTarget }>;

  constructor(scope: Construct, id: string, props: BatchProductProps) {
    super(scope, id);
    this.database = new ProductSqlDatabase(this, 'sql', { names: props.names.sql, context: props.context, administrator: props.identity });
    this.factoryTargets = { sql: { id: this.database.server.id, subresource: 'sqlServer' } };
  }
}
