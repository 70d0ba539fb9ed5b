import sharp from 'sharp';
import { processPhoto } from '../src/services/photo-images.ts';

/**
 * Photo upload and re-encode (issue 11, decision 042): a 12-megapixel phone photo (4000 × 3000 JPEG
 * with camera and GPS tags) through the same function the upload form calls — type check, header
 * check, one decode turned upright, four copies (400 and 1200 px, JPEG and WebP), no metadata.
 * Prints the time per photo and the process's peak memory (resident set).
 *
 *   npm run bench:photos            (5 runs after one warm-up)
 *   npm run bench:photos -- 10      (10 runs)
 */
const runs = Math.max(1, Number(process.argv[2] ?? 5) || 5);
const WIDTH = 4000;
const HEIGHT = 3000;

/** A photo-like picture (smooth gradients and fine detail, so it compresses like a photo, not a flat colour). */
async function twelveMegapixelPhoto(): Promise<Buffer> {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 42;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 16) & 31;
      const i = (y * WIDTH + x) * 3;
      raw[i] = (x / WIDTH) * 200 + noise;
      raw[i + 1] = (y / HEIGHT) * 180 + 40 * Math.sin(x / 37) + noise;
      raw[i + 2] = 120 + 60 * Math.cos((x + y) / 53) + noise;
    }
  }
  return sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .withExif({ IFD0: { Make: 'BenchCam', Model: 'Twelve' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 36/1 30/1' } })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const photo = await twelveMegapixelPhoto();
const rssBefore = process.memoryUsage().rss;
console.log(`Input: ${WIDTH} × ${HEIGHT} JPEG (${(WIDTH * HEIGHT) / 1e6} megapixels), ${mb(photo.length)}, orientation 6, EXIF with GPS`);
console.log(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}, Node ${process.version}`);

await processPhoto(photo); // warm-up
const times: number[] = [];
let out: Awaited<ReturnType<typeof processPhoto>> | undefined;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  out = await processPhoto(photo);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const peak = process.resourceUsage().maxRSS * 1024;
console.log(`Re-encode per photo: median ${median.toFixed(0)} ms, fastest ${times[0]!.toFixed(0)} ms, slowest ${times.at(-1)!.toFixed(0)} ms (${runs} runs)`);
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
console.log(
  `Copies kept: ${out!.width} × ${out!.height}; small JPEG ${kb(out!.smallJpeg.length)}, small WebP ${kb(out!.smallWebp.length)}, large JPEG ${kb(out!.largeJpeg.length)}, large WebP ${kb(out!.largeWebp.length)}`,
);
console.log(`Peak resident memory of the process: ${mb(peak)} (${mb(rssBefore)} before the first photo, with the input and its pixels generated)`);
