/**
 * One recording per memory (issue 11, decision 048). What is uploaded is never kept as it came: its
 * type is read from its own bytes (not its name or the browser's word), it is walked from start to
 * end (so a truncated or mislabelled file is refused, not stored), and only the audio itself is kept —
 * MP3 frames without their ID3 or APE tags, WAV with only its format and sound chunks (no LIST/INFO,
 * bext, iXML or id3 chunk). Other formats keep their metadata inside structures we cannot rewrite
 * safely without a new dependency (M4A's atoms with their offsets, Ogg's checksummed pages), so they
 * are refused with a message saying how to send the recording instead.
 */
export const MAX_RECORDING_BYTES = 20 * 1024 * 1024;
export const MAX_RECORDING_SECONDS = 10 * 60;

export type RecordingFormat = 'mp3' | 'wav';
export const RECORDING_CONTENT_TYPES: Record<RecordingFormat, string> = { mp3: 'audio/mpeg', wav: 'audio/wav' };
export type CleanedRecording = { format: RecordingFormat; bytes: Buffer; durationSeconds: number };

/** Why a file is not accepted, in words for the message beside the field. */
export class RecordingRefused extends Error {}

const DAMAGED = 'The recording could not be read. It may be damaged or only partly uploaded; choose it again';
const NOT_AUDIO = 'The selected file must be a recording: an MP3 or WAV file';
const SAVE_AS_MP3 = 'Recordings in this format cannot be taken yet. Save it as an MP3 (most phones and computers can) and choose it again';

const ascii = (b: Buffer, at: number, n: number) => b.subarray(at, at + n).toString('latin1');

/** The type from the file's first bytes; formats we recognise but refuse are named so the message can help. */
export function sniffRecording(b: Buffer): RecordingFormat | 'other_audio' | undefined {
  if (ascii(b, 0, 3) === 'ID3') return 'mp3';
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) return 'mp3';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return 'wav';
  if (ascii(b, 0, 4) === 'OggS' || ascii(b, 0, 4) === 'fLaC' || ascii(b, 4, 4) === 'ftyp' || ascii(b, 0, 4) === 'FORM') return 'other_audio';
  return undefined;
}

export function cleanRecording(file: Buffer): CleanedRecording {
  if (file.length === 0) throw new RecordingRefused('The selected file is empty');
  if (file.length > MAX_RECORDING_BYTES) throw new RecordingRefused('The recording must be smaller than 20 MB');
  const type = sniffRecording(file);
  if (type === 'other_audio') throw new RecordingRefused(SAVE_AS_MP3);
  if (!type) throw new RecordingRefused(NOT_AUDIO);
  const cleaned = type === 'mp3' ? cleanMp3(file) : cleanWav(file);
  if (cleaned.durationSeconds > MAX_RECORDING_SECONDS) throw new RecordingRefused('The recording must be 10 minutes or shorter');
  if (cleaned.durationSeconds < 0.5) throw new RecordingRefused(DAMAGED);
  return cleaned;
}

// ---- MP3 (MPEG-1, 2 and 2.5 Layer III) ----

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** One Layer III frame header at `at`: its length in bytes and its length in seconds; undefined if there is none. */
function mp3Frame(b: Buffer, at: number): { bytes: number; seconds: number } | undefined {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return undefined;
  const version = (b[at + 1]! >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = (b[at + 1]! >> 1) & 3; // 1: Layer III
  const bitrateIndex = b[at + 2]! >> 4;
  const rateIndex = (b[at + 2]! >> 2) & 3;
  const padding = (b[at + 2]! >> 1) & 1;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const kbps = (version === 3 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex]!;
  const rate = SAMPLE_RATES[version]![rateIndex]!;
  const samples = version === 3 ? 1152 : 576;
  const bytes = Math.floor(((samples / 8) * kbps * 1000) / rate) + padding;
  return { bytes, seconds: samples / rate };
}

/** The size of an ID3v2 tag at `at` (header, body and footer), or 0. */
function id3v2Size(b: Buffer, at: number): number {
  if (ascii(b, at, 3) !== 'ID3' || at + 10 > b.length) return 0;
  const syncsafe = ((b[at + 6]! & 0x7f) << 21) | ((b[at + 7]! & 0x7f) << 14) | ((b[at + 8]! & 0x7f) << 7) | (b[at + 9]! & 0x7f);
  return 10 + syncsafe + (b[at + 5]! & 0x10 ? 10 : 0);
}

/** Tags that may follow the last frame: ID3v1 (128 bytes), APEv2 and Lyrics3 blocks, and another ID3v2. Dropped. */
function isTrailingTag(b: Buffer, at: number): boolean {
  const rest = ascii(b, at, 11);
  return rest.startsWith('TAG') || rest.startsWith('APETAGEX') || rest.startsWith('LYRICSBEGIN') || rest.startsWith('ID3');
}

function cleanMp3(b: Buffer): CleanedRecording {
  let at = 0;
  for (let size = id3v2Size(b, at); size > 0; size = id3v2Size(b, at)) at += size;
  if (at >= b.length) throw new RecordingRefused(DAMAGED);
  const frames: Buffer[] = [];
  let seconds = 0;
  while (at < b.length) {
    const frame = mp3Frame(b, at);
    if (!frame) {
      if (frames.length > 0 && isTrailingTag(b, at)) break;
      throw new RecordingRefused(frames.length === 0 ? NOT_AUDIO : DAMAGED);
    }
    if (at + frame.bytes > b.length) throw new RecordingRefused(DAMAGED); // the last frame was cut off
    frames.push(b.subarray(at, at + frame.bytes));
    seconds += frame.seconds;
    at += frame.bytes;
  }
  if (frames.length < 4) throw new RecordingRefused(NOT_AUDIO);
  return { format: 'mp3', bytes: Buffer.concat(frames), durationSeconds: seconds };
}

// ---- WAV (RIFF/WAVE) ----

function cleanWav(b: Buffer): CleanedRecording {
  let at = 12;
  let fmt: Buffer | undefined;
  let data: Buffer | undefined;
  while (at + 8 <= b.length) {
    const id = ascii(b, at, 4);
    const size = b.readUInt32LE(at + 4);
    if (at + 8 + size > b.length) throw new RecordingRefused(DAMAGED);
    const body = b.subarray(at + 8, at + 8 + size);
    if (id === 'fmt ') fmt = body;
    else if (id === 'data') data = body;
    at += 8 + size + (size % 2);
  }
  if (!fmt || !data || fmt.length < 16) throw new RecordingRefused(DAMAGED);
  const audioFormat = fmt.readUInt16LE(0);
  const byteRate = fmt.readUInt32LE(8);
  const blockAlign = fmt.readUInt16LE(12);
  // PCM, IEEE float or the extensible header; compressed WAVs are rare and refused.
  if (![1, 3, 0xfffe].includes(audioFormat)) throw new RecordingRefused(SAVE_AS_MP3);
  if (byteRate === 0 || blockAlign === 0 || data.length % blockAlign !== 0) throw new RecordingRefused(DAMAGED);
  const chunk = (id: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'latin1');
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const chunks = Buffer.concat([chunk('fmt ', fmt), chunk('data', data)]);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(chunks.length + 4, 4);
  riff.write('WAVE', 8, 'latin1');
  return { format: 'wav', bytes: Buffer.concat([riff, chunks]), durationSeconds: data.length / byteRate };
}
