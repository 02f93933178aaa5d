// What TypeORM would change to make the database match the entities: empty when entities and migrations agree.
import type { DataSource } from 'typeorm';

export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
