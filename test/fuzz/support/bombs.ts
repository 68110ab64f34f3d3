import { once } from 'node:events';
import { constants, createBrotliCompress, createDeflate, createGzip, type Gzip } from 'node:zlib';

const MB = 1024 * 1024;

export interface Bombs {
  /** gzip of 300 MB of zeros (~300 KB). */
  gzip: Buffer;
  /** zlib deflate of 100 MB of zeros (~100 KB, under the JSON body limit as sent). */
  deflate: Buffer;
  /** Brotli of 300 MB of zeros (tens of KB). */
  br: Buffer;
  /** A valid gzip start that inflates to 8 MB, then garbage: the corruption lies beyond any body limit. */
  gzipCorruptTail: Buffer;
}

/** Compresses `megabytes` of zeros through `stream` one shared 1 MB buffer at a time (no large allocation). */
async function zeros(stream: Gzip, megabytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(MB);
  const out: Buffer[] = [];
  stream.on('data', (c: Buffer) => out.push(c));
  for (let i = 0; i < megabytes; i++) if (!stream.write(chunk)) await once(stream, 'drain');
  stream.end();
  await once(stream, 'end');
  return Buffer.concat(out);
}

let built: Promise<Bombs> | undefined;

/** Built once per run (about a second of CPU); the same bytes every time. */
export function bombs(): Promise<Bombs> {
  built ??= (async () => {
    const gzip = await zeros(createGzip({ level: 9 }), 300);
    const deflate = await zeros(createDeflate({ level: 9 }) as unknown as Gzip, 100);
    const br = await zeros(createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }) as unknown as Gzip, 300);
    const eight = await zeros(createGzip({ level: 9 }), 8);
    const gzipCorruptTail = Buffer.concat([eight.subarray(0, eight.length - 64), Buffer.from('garbage-after-the-limit'.repeat(8))]);
    return { gzip, deflate, br, gzipCorruptTail };
  })();
  return built;
}
