import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import {
  assertContentKey,
  FileStore,
  sha256Of,
  StoredContent,
  verifiedContent,
} from './file-store';

export interface S3FileStoreOptions {
  /** null: AWS itself; otherwise an S3-compatible server (MinIO, Ceph, a provider's). */
  endpoint: string | null;
  bucket: string;
  region: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  forcePathStyle: boolean;
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' ||
      error.name === 'NotFound' ||
      error.$metadata.httpStatusCode === 404)
  );
}

/** Files in an S3-compatible bucket under `files/<aa>/<sha256>`; the bucket stays private. */
export class S3FileStore extends FileStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3FileStoreOptions) {
    super();
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint ?? undefined,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
    });
  }

  private keyOf(sha256: string): string {
    assertContentKey(sha256);
    return `files/${sha256.slice(0, 2)}/${sha256}`;
  }

  async put(content: Buffer): Promise<StoredContent> {
    const sha256 = sha256Of(content);
    if (!(await this.has(sha256))) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.keyOf(sha256),
          Body: content,
          ContentType: 'application/octet-stream',
        }),
      );
    }
    return { sha256, sizeBytes: content.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }),
      );
      if (!answer.Body) {
        return null;
      }
      return verifiedContent(sha256, Buffer.from(await answer.Body.transformToByteArray()));
    } catch (error) {
      if (isMissing(error)) {
        return null;
      }
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }),
      );
      return true;
    } catch (error) {
      if (isMissing(error)) {
        return false;
      }
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }),
    );
  }

  /** Closes the client's sockets (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }
}
