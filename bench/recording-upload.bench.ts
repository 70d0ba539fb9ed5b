import { id3v1, id3v2, mp3Frames, wav } from '../test/fixtures/audio.fixtures.ts';
import { cleanRecording } from '../src/services/audio-recordings.ts';

/**
 * Recording upload (issue 11, decision 048): the largest files the form takes through the function it
 * calls — an MP3 of 10 minutes at 128 kbit/s with ID3 tags (a 500 KB cover picture in the ID3v2 tag),
 * and a 10-minute 8 kHz mono WAV with a LIST chunk — walked frame by frame or chunk by chunk, tags
 * dropped. Prints the time per file and the process's peak memory (resident set).
 *
 *   npm run bench:recordings          (5 runs after one warm-up)
 *   npm run bench:recordings -- 10    (10 runs)
 */
const runs = Math.max(1, Number(process.argv[2] ?? 5) || 5);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const files = {
  mp3: Buffer.concat([id3v2({ TIT2: 'Bench', APIC: 'x'.repeat(500_000) }), mp3Frames(599), id3v1('Bench', 'Bench')]),
  wav: wav(599, [{ id: 'LIST', text: 'INFOIART Bench' }]),
};
const rssBefore = process.memoryUsage().rss;
console.log(`Node ${process.version}`);
for (const [name, file] of Object.entries(files)) {
  cleanRecording(file); // warm-up
  const times: number[] = [];
  let kept = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    kept = cleanRecording(file).bytes.length;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name}: input ${mb(file.length)}, kept ${mb(kept)}; median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms (fastest ${times[0]!.toFixed(1)}, slowest ${times.at(-1)!.toFixed(1)}; ${runs} runs)`,
  );
}
console.log(`peak resident memory: ${mb(process.resourceUsage().maxRSS * 1024)} (${mb(rssBefore)} with the inputs in memory)`);
