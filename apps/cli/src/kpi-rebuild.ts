import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule, loadConfig } from '@app/config';
import { Clock, K1ContextProvider, KpiFactsService, KpiReconciliationService } from '@app/core';
import {
  dataSourceOptions,
  KpiFactsRepository,
  KpiRollupRepository,
  MaintenanceWatermarkRepository,
  WorkingCalendarModule,
} from '@app/database';

/**
 * `npm run kpi:rebuild`: recomputes every received application's K1 segments and roll-up
 * contributions from its history and applies the differences — after a change of the K1
 * settings (K1_GRANULARITY, PAYMENT_PAUSES_CLOCK, DEADLINE_CUTOFF…) or of the formula. Safe
 * while the API and worker run: it takes the same per-application locks as the KPI consumer and
 * applies differences only, so nothing is counted twice. Closed periods keep their frozen figures;
 * any change dated inside one becomes an adjustment at the next nightly check.
 * `-- --missing-only`: only applications that have no KPI facts yet (what the worker does at start).
 */
const config = loadConfig();

@Module({
  imports: [
    AppConfigModule.forRoot(config),
    TypeOrmModule.forRoot({ ...dataSourceOptions(config), extra: { max: 2 } }),
    WorkingCalendarModule,
  ],
  providers: [
    Clock,
    KpiRollupRepository,
    KpiFactsRepository,
    // KpiReconciliationService's nightly watermark (not used by a rebuild, but injected).
    MaintenanceWatermarkRepository,
    K1ContextProvider,
    KpiFactsService,
    KpiReconciliationService,
  ],
})
class KpiRebuildModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(KpiRebuildModule, { logger: ['error'] });
  try {
    const reconciliation = app.get(KpiReconciliationService);
    const started = Date.now();
    const result = process.argv.includes('--missing-only')
      ? await reconciliation.catchUp()
      : await reconciliation.rebuildAll((done) => process.stderr.write(`\r${done} applications…`));
    process.stderr.write('\n');
    console.log(
      `kpi:rebuild: ${result.checked} application(s) recomputed, ${result.repaired} changed, ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`kpi:rebuild: ${(error as Error).message}`);
    process.exit(1);
  });
}
