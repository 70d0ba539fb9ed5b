/** A small HTTP load client: `connections` workers share one list of URLs until it is used up or time runs out. */
import { Agent, request } from 'node:http';

export type LoadResult = {
  requests: number;
  errors: number;
  statusCounts: Record<number, number>;
  seconds: number;
  latenciesMs: number[];
  /** Response body bytes as sent (compressed when the server compressed them). */
  bodyBytes: number;
};

export async function runLoad(
  base: string,
  urls: string[],
  opts: { connections: number; maxSeconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  // Indexed like `urls`, so callers can break latencies down by kind of request; NaN where not sent.
  const latencies: number[] = new Array<number>(urls.length).fill(NaN);
  let sent = 0;
  const statusCounts: Record<number, number> = {};
  let next = 0;
  let errors = 0;
  let bodyBytes = 0;
  const started = performance.now();
  const deadline = started + opts.maxSeconds * 1000;
  const get = (url: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(base + url, { agent, headers: opts.headers ?? {} }, (res) => {
        res.on('data', (chunk: Buffer) => {
          bodyBytes += chunk.length;
        });
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  const worker = async () => {
    while (next < urls.length && performance.now() < deadline) {
      const index = next++;
      const url = urls[index]!;
      const t = performance.now();
      try {
        const status = await get(url);
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        if (status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies[index] = performance.now() - t;
      sent++;
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  agent.destroy();
  return { requests: sent, errors, statusCounts, seconds: (performance.now() - started) / 1000, latenciesMs: latencies, bodyBytes };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
