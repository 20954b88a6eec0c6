/** The composite-index benchmarks' data (bench/index.ts, bench/startup.ts): seeded, written once to bench/out. */
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../packages/core/src/random.js';

export const OUT = join('bench', 'out');

/** Indicator values with the structure of real data: a unit level, group factors, skewed magnitudes. */
export function generate(n: number, k: number, seed: string): Float64Array {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const groups = 5;
  const perGroup = k / groups;
  const values = new Float64Array(n * k);
  const scale = Float64Array.from({ length: k }, (_, j) => 10 ** (1 + (j % 4)));
  for (let u = 0; u < n; u++) {
    const level = gauss();
    for (let g = 0; g < groups; g++) {
      const factor = 0.8 * level + 0.6 * gauss();
      for (let i = 0; i < perGroup; i++) {
        const j = g * perGroup + i;
        const sign = j % 4 === 3 ? -1 : 1; // "less is better" indicators fall as the level rises
        values[j * n + u] = (scale[j] as number) * Math.exp(0.6 * sign * (0.8 * factor + 0.6 * gauss()));
      }
    }
  }
  return values;
}

function specFor(k: number): object {
  const perGroup = k / 5;
  return {
    normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic',
    groups: ['tech', 'talent', 'ip', 'growth', 'impact'].map((id, g) => ({
      id, weight: [0.3, 0.25, 0.2, 0.15, 0.1][g],
      indicators: Array.from({ length: perGroup }, (_, i) => {
        const j = g * perGroup + i;
        return { id: `i${String(j + 1).padStart(2, '0')}`, direction: j % 4 === 3 ? -1 : 1, weight: 1 + (j % 3) };
      }),
    })),
  };
}

export function ensureSpec(k: number): string {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `index-spec-${k}.json`);
  writeFileSync(path, JSON.stringify(specFor(k)));
  return path;
}

export async function ensureCsv(n: number, k: number): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `index-${n}x${k}.csv`);
  if (existsSync(path)) return path;
  const values = generate(n, k, `bench-index-${n}x${k}`);
  const out = createWriteStream(path);
  const header = Array.from({ length: k }, (_, j) => `i${String(j + 1).padStart(2, '0')}`);
  let chunk = `id,${header.join(',')}\n`;
  for (let u = 0; u < n; u++) {
    let line = `U${String(u + 1).padStart(7, '0')}`;
    for (let j = 0; j < k; j++) line += `,${(values[j * n + u] as number).toPrecision(6)}`;
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((ok) => out.once('drain', () => ok()));
      chunk = '';
    }
  }
  await new Promise<void>((ok) => out.end(chunk, () => ok()));
  return path;
}

