import { describe, expect, it } from 'vitest';
import { id3v1, id3v2, mp3Frames, wav } from '../../test/fixtures/audio.fixtures.ts';
import { cleanRecording, MAX_RECORDING_BYTES, RecordingRefused, sniffRecording } from './audio-recordings.ts';

const refused = (file: Buffer) => {
  try {
    cleanRecording(file);
  } catch (err) {
    if (err instanceof RecordingRefused) return err.message;
    throw err;
  }
  throw new Error('accepted');
};

describe('recordings people upload', () => {
  it('keeps only the MP3 frames: no ID3v2 or ID3v1 tag survives, and the length is worked out from the frames', () => {
    const audio = mp3Frames(3);
    const file = Buffer.concat([
      id3v2({ TIT2: 'Secret title', TPE1: 'Zephyrine Quillfeather', COMM: 'recorded at 17 Marramgrass Lane' }),
      audio,
      id3v1('Secret title', 'Zephyrine Quillfeather'),
    ]);
    const out = cleanRecording(file);
    expect(out.format).toBe('mp3');
    expect(out.bytes.equals(audio)).toBe(true);
    for (const marker of ['ID3', 'TAG', 'Secret', 'Zephyrine', 'Marramgrass']) expect(out.bytes.includes(marker), marker).toBe(false);
    expect(out.durationSeconds).toBeGreaterThan(2.9);
    expect(out.durationSeconds).toBeLessThan(3.1);
  });

  it('keeps only the format and sound of a WAV: no LIST/INFO or broadcast chunk survives', () => {
    const file = wav(2, [
      { id: 'LIST', text: 'INFOIART Zephyrine Quillfeather' },
      { id: 'bext', text: 'Originator: Secret Recorder 9' },
    ]);
    const out = cleanRecording(file);
    expect(out.format).toBe('wav');
    expect(out.durationSeconds).toBe(2);
    for (const marker of ['LIST', 'bext', 'Zephyrine', 'Secret']) expect(out.bytes.includes(marker), marker).toBe(false);
    expect(cleanRecording(out.bytes).bytes.equals(out.bytes)).toBe(true); // still a well-formed WAV
  });

  it('refuses hostile and unreadable files with a message, whatever they are called', () => {
    expect(refused(Buffer.alloc(0))).toBe('The selected file is empty');
    expect(refused(Buffer.from('<!doctype html><html><script>alert(1)</script></html>'))).toBe('The selected file must be a recording: an MP3 or WAV file');
    expect(refused(Buffer.alloc(MAX_RECORDING_BYTES + 1, 0xff))).toBe('The recording must be smaller than 20 MB');
    const whole = mp3Frames(2);
    expect(refused(whole.subarray(0, whole.length - 100))).toMatch(/damaged or only partly uploaded/);
    const wave = wav(2);
    expect(refused(wave.subarray(0, wave.length - 1001))).toMatch(/damaged or only partly uploaded/);
    expect(refused(Buffer.concat([id3v2({ TIT2: 'Only a tag' })]))).toMatch(/damaged or only partly uploaded/);
    expect(refused(Buffer.concat([mp3Frames(1), Buffer.from('<html>not audio</html>')]))).toMatch(/damaged/);
    expect(refused(mp3Frames(601))).toBe('The recording must be 10 minutes or shorter');
  });

  it('names the formats it cannot clean and says how to send them instead', () => {
    const m4a = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A '), Buffer.alloc(100)]);
    const ogg = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(100)]);
    expect(sniffRecording(m4a)).toBe('other_audio');
    for (const f of [m4a, ogg, Buffer.concat([Buffer.from('fLaC'), Buffer.alloc(100)])]) expect(refused(f)).toMatch(/Save it as an MP3/);
  });
});
