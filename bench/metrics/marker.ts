import { Client } from 'pg';
import type { BenchSettings } from '../intake/settings';

/**
 * What a finished generation left in the bench database, kept as the database's comment: it
 * is written last, so a database whose generation failed half-way has none and is redone.
 */
export interface DataSetMarker {
  applications: number;
  generatedAt: string;
  seed: number;
  /** First and last local reception days. */
  firstDay: string;
  lastDay: string;
}

export async function readMarker(settings: BenchSettings): Promise<DataSetMarker | null> {
  return withAdmin(settings, async (admin) => {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [settings.databaseName],
    );
    try {
      return rows[0]?.comment ? (JSON.parse(rows[0].comment) as DataSetMarker) : null;
    } catch {
      return null;
    }
  });
}

export async function writeMarker(settings: BenchSettings, marker: DataSetMarker): Promise<void> {
  await withAdmin(settings, (admin) =>
    admin.query(
      `COMMENT ON DATABASE "${settings.databaseName}" IS ${admin.escapeLiteral(JSON.stringify(marker))}`,
    ),
  );
}

async function withAdmin<T>(settings: BenchSettings, work: (admin: Client) => Promise<T>) {
  const admin = new Client({ connectionString: settings.adminDatabaseUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
