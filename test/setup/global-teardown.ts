import { withAdminClient } from './test-database';

/** Drops this run's template; each test file drops its own database. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.MOTCUA_TEST_TEMPLATE;
  if (template) {
    await withAdminClient(
      async (client) =>
        void (await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)),
    );
  }
}
