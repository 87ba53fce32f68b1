import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { SecurityAuditRepository } from '../security/security-audit.repository';

/**
 * `npm run audit:verify`: walks the security audit log's hash chain. Exit 0 and the head's
 * hash (keep it somewhere else: with it, even a rewrite of the whole chain shows) when intact;
 * exit 1 naming the first bad row otherwise; exit 2 when it could not check.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const dataSource = new DataSource(dataSourceOptions(config, { poolSize: 1 }));
  await dataSource.initialize();
  try {
    const verdict = await new SecurityAuditRepository(dataSource).verify();
    if (verdict.ok) {
      console.log(
        `audit:verify: ok — ${verdict.rows} rows, head row ${verdict.lastId}, hash ${verdict.lastHash}`,
      );
      return 0;
    }
    console.error(`audit:verify: BROKEN at row ${verdict.rowId}: ${verdict.reason}`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`audit:verify: could not check: ${(error as Error).message}`);
      process.exit(2);
    },
  );
}
