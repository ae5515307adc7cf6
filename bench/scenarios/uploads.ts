import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { atLeast, atMost, type BenchRow } from '../harness/result';
import { ServerProcess } from '../harness/server-process';

const MiB = 1024 * 1024;

/** The server's resident memory now (Linux /proc), in MiB. */
function rssMiB(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : 0;
}

/**
 * Streams one multipart upload of `bytes` of text (generated on the fly: the client holds one
 * 1 MiB chunk) and samples the server's RSS while it runs. Answers MiB/s and the peak RSS growth.
 */
async function uploadOnce(server: ServerProcess, bytes: number): Promise<{ mibPerSecond: number; peakGrowthMiB: number }> {
  const boundary = `bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  // Each upload differs (a random first line), so nothing is deduplicated.
  const line = Buffer.from(`${randomBytes(16).toString('hex')},control,result\n`);
  const row = Buffer.from('CC6.1,Logical access is restricted,No exceptions noted\n');
  const chunk = Buffer.alloc(MiB, row);
  const before = rssMiB(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(server.pid))), 20);
  const started = process.hrtime.bigint();
  try {
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/documents',
          method: 'POST',
          headers: {
            authorization: `Bearer ${server.token('ANALYST')}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(head.length + line.length + bytes + tail.length),
          },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`upload answered ${res.statusCode}: ${Buffer.concat(parts)}`))));
        },
      );
      req.on('error', reject);
      const write = async () => {
        const send = (b: Buffer) => new Promise<void>((ok) => (req.write(b) ? ok() : req.once('drain', ok)));
        await send(head);
        await send(line);
        for (let sent = 0; sent < bytes; sent += MiB) await send(chunk.subarray(0, Math.min(MiB, bytes - sent)));
        req.end(tail);
      };
      write().catch(reject);
    });
  } finally {
    clearInterval(sampler);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { mibPerSecond: bytes / MiB / seconds, peakGrowthMiB: Math.max(0, peak - before) };
}

/**
 * POST /documents with a large file: throughput, and memory that does not grow with the file.
 * Baseline: the same server taking a file ten times smaller; the 10× file's RSS growth must stay
 * within 1.5× of the small one's (plus a little: growth of a few MiB is noise), and its
 * throughput at least 0.5× the small one's.
 */
export async function uploadScenarios(dataDir: string, largeMiB: number): Promise<BenchRow[]> {
  const server = new ServerProcess({ dataDir, env: { DOCUMENT_MAX_BYTES: String((largeMiB + 1) * MiB) } });
  await server.start();
  try {
    await uploadOnce(server, 4 * MiB); // warm-up
    const small = await uploadOnce(server, (largeMiB / 10) * MiB);
    const large = await uploadOnce(server, largeMiB * MiB);
    const scale = `${largeMiB} MiB file`;
    return [
      atMost('upload: server RSS growth', scale, `a ${largeMiB / 10} MiB file`, 'MiB', large.peakGrowthMiB, Math.max(small.peakGrowthMiB, 8), 1.5),
      atLeast('upload: throughput', scale, `a ${largeMiB / 10} MiB file`, 'MiB/s', large.mibPerSecond, small.mibPerSecond, 0.5),
    ];
  } finally {
    await server.stop();
  }
}
