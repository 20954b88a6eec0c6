/**
 * Attachments in an S3-compatible bucket (AWS S3, MinIO, Ceph, OSS/COS in S3 mode), under
 * `<prefix><sha256>`.
 *
 * The content name is known only once the last byte has been hashed, so an upload cannot go straight
 * to its key. The bytes stream through the hash into a temporary key `<prefix>.incoming/<uuid>`
 * (multipart past 5 MiB, so memory stays at one part whatever the file's size), and only a complete
 * upload within the limit is copied server-side to its content key, then the temporary key deleted.
 * A copy is atomic in S3: the content key either does not exist or holds the whole file. A crash
 * between the two steps leaves at most an orphan under `.incoming/` (a bucket lifecycle rule can
 * expire that prefix), never a partial object under a content key. Buffering the whole upload in
 * memory, or spilling to a local temporary file, would also work but costs memory or local disk per
 * concurrent upload; the copy costs one server-side request.
 *
 * The SDK is loaded on first use: it takes ~0.3 s to import, which disk installations and every
 * other CLI command should not pay.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { asTooLarge, type FileStore, hashingCounter, SHA256_NAME, type StoredFile, UploadTooLarge, type UploadSource } from './file-store.js';

export interface S3Location {
  bucket: string;
  /** Key prefix ('' or ending in '/'). */
  prefix: string;
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
}

type Sdk = typeof import('@aws-sdk/client-s3');

function isNotFound(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

export class S3FileStore implements FileStore {
  readonly location: string;
  private loaded: Promise<{ sdk: Sdk; client: S3Client }> | undefined;

  constructor(private readonly where: S3Location) {
    this.location = `s3://${where.bucket}/${where.prefix}`;
  }

  /** The client, with credentials from the standard AWS variables (or the SDK's other usual sources). */
  private async s3(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({ endpoint: this.where.endpoint, region: this.where.region, forcePathStyle: this.where.forcePathStyle }),
    }));
    return this.loaded;
  }

  private key(sha256: string): string {
    return `${this.where.prefix}${sha256}`;
  }

  async put(source: UploadSource, limitBytes: number): Promise<StoredFile> {
    const { sdk, client } = await this.s3();
    const { Upload } = await import('@aws-sdk/lib-storage');
    const Bucket = this.where.bucket;
    const temp = `${this.where.prefix}.incoming/${randomUUID()}`;
    const counter = hashingCounter(limitBytes);
    const upload = new Upload({ client, params: { Bucket, Key: temp, Body: counter.stream } });
    try {
      // Both run together: the source feeds the hash, the upload drains it; either failing fails both.
      await Promise.all([pipeline(source, counter.stream), upload.done()]);
      if (source.truncated) throw new UploadTooLarge();
      const stored = counter.result();
      const Key = this.key(stored.sha256);
      const existing = await client.send(new sdk.HeadObjectCommand({ Bucket, Key })).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      if (existing?.ContentLength !== stored.size) {
        const CopySource = `${Bucket}/${temp.split('/').map(encodeURIComponent).join('/')}`;
        await client.send(new sdk.CopyObjectCommand({ Bucket, Key, CopySource }));
      }
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: temp }));
      return stored;
    } catch (error) {
      counter.stream.destroy();
      await upload.abort().catch(() => undefined);
      // A single-part upload may have completed before the failure: remove it too.
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: temp })).catch(() => undefined);
      throw asTooLarge(error, source);
    }
  }

  async open(sha256: string): Promise<Readable> {
    if (!SHA256_NAME.test(sha256)) throw new Error(`not a SHA-256 name: ${sha256}`);
    const { sdk, client } = await this.s3();
    const { Body } = await client.send(new sdk.GetObjectCommand({ Bucket: this.where.bucket, Key: this.key(sha256) }));
    if (!(Body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
    return Body;
  }

  async remove(sha256: string): Promise<void> {
    if (!SHA256_NAME.test(sha256)) return;
    const { sdk, client } = await this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.where.bucket, Key: this.key(sha256) }));
  }

  async list(): Promise<string[]> {
    const { sdk, client } = await this.s3();
    const names: string[] = [];
    for await (const page of sdk.paginateListObjectsV2({ client }, { Bucket: this.where.bucket, Prefix: this.where.prefix })) {
      for (const object of page.Contents ?? []) {
        const name = (object.Key ?? '').slice(this.where.prefix.length);
        if (SHA256_NAME.test(name)) names.push(name);
      }
    }
    return names.sort();
  }

  async close(): Promise<void> {
    if (this.loaded) (await this.loaded).client.destroy();
    this.loaded = undefined;
  }
}
