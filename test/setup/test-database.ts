import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DATABASE_URL } from './services';

export const TEMPLATE_DATABASE = 'motcua_test_template';

export function databaseUrl(name: string): string {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Each test file gets its own database cloned from the migrated template (style rule 11),
 * so files run in parallel and in any order.
 */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `motcua_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient(async (client) => {
    // CREATE DATABASE ... TEMPLATE needs the template to have no other session; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
        return;
      } catch (error) {
        if (attempt > 50) {
          throw error;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdminClient(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
