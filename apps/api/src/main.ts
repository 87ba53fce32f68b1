import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.api.port, '0.0.0.0');
}

void bootstrap();
