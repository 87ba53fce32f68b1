import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { FileStore } from './file-store';
import { LocalDiskFileStore } from './local-disk-file-store';
import { S3FileStore } from './s3-file-store';

/** The adapter the configuration names (STORAGE_DRIVER: local by default, or s3). */
export function createFileStore(storage: AppConfig['storage']): FileStore {
  return storage.driver === 's3'
    ? new S3FileStore(storage.s3)
    : new LocalDiskFileStore(storage.localDir);
}

@Global()
@Module({
  providers: [
    {
      provide: FileStore,
      useFactory: (config: AppConfig) => createFileStore(config.storage),
      inject: [APP_CONFIG],
    },
  ],
  exports: [FileStore],
})
export class StorageModule {}
