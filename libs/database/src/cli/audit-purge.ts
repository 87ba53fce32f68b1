import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { SecurityAuditRepository } from '../security/security-audit.repository';

/**
 * `npm run audit:purge`: deletes security audit rows older than AUDIT_RETENTION_MONTHS (12 by
 * default) and appends the anchor row that keeps the rest verifiable. The worker does the same
 * every night (maintenance.purge-security-records); this is for running it by hand.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = new DataSource(dataSourceOptions(config, { poolSize: 1 }));
  await dataSource.initialize();
  try {
    const now = new Date();
    const before = new Date(now);
    before.setUTCMonth(before.getUTCMonth() - config.security.auditRetentionMonths);
    const purged = await new SecurityAuditRepository(dataSource).purge(before, now);
    console.log(`audit:purge: ${purged} rows older than ${before.toISOString()} purged`);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`audit:purge: ${(error as Error).message}`);
    process.exit(1);
  });
}
