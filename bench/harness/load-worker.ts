import { Agent, request } from 'node:http';
import { percentile } from './stats';

/** What the parent asks for (JSON in argv[2]). */
export interface LoadSpec {
  url: string;
  token: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** GraphQL body; `__N__` becomes a number unique to the request, `__ID__` the next of `ids`. */
  body: string;
  ids?: string[];
  /** Stop after this many measured requests (bounded loops), if reached before the duration. */
  maxRequests?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  firstError: string | null;
}

/**
 * The HTTP load generator, run as its own process so that it does not share the server's event
 * loop: `connections` keep-alive connections, each sending its next request when the previous one
 * answered (closed loop). Only requests that start after the warm-up count.
 */
async function run(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let counter = 0;
  const started = performance.now();
  const warm = started + spec.warmupMs;
  const end = warm + spec.durationMs;
  const ids = spec.ids ?? [];
  const next = () => {
    const n = counter++;
    const body = spec.body.replace(/__N__/g, String(n)).replace(/__ID__/g, ids.length > 0 ? ids[n % ids.length]! : '');
    return body;
  };
  const send = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${spec.token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const loop = async () => {
    while (performance.now() < end && (spec.maxRequests === undefined || latencies.length < spec.maxRequests)) {
      const t0 = performance.now();
      let failed: string | null = null;
      try {
        const res = await send(next());
        if (res.status !== 200 || res.text.includes('"errors"')) failed = `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
      } catch (error) {
        failed = String(error);
      }
      if (t0 < warm) continue;
      if (failed) {
        errors++;
        firstError ??= failed;
      } else latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  const measuredMs = Math.min(performance.now(), end) - warm;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: latencies.length / (measuredMs / 1000), p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), firstError };
}

if (require.main === module) {
  run(JSON.parse(process.argv[2]!) as LoadSpec).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error) => {
      process.stderr.write(String(error));
      process.exit(1);
    },
  );
}
