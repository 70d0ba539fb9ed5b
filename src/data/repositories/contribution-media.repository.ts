import type { Db } from '../database.ts';
import { maybeOne, one } from '../database.ts';
import type { RecordingFormat } from '../../services/audio-recordings.ts';

export type PhotoInfo = { id: string; contributionId: string; altText: string; peopleAgreed: boolean; width: number; height: number };
/** A memory's recording, without its bytes (served by id, decision 048). */
export type RecordingInfo = { id: string; contributionId: string; format: RecordingFormat; durationSeconds: number; byteSize: number; transcript: string };
export type PhotoCopy = 'small_jpeg' | 'small_webp' | 'large_jpeg' | 'large_webp';

/** The photos and recordings of contributions and walk stops (decisions 042, 048): part of the contribution repository. */
export function createContributionMediaRepository(db: Db) {
  return {
    async photosSince(userId: string, since: Date): Promise<number> {
      const r = await one<{ n: number }>(
        db,
        `select ((select count(*) from contribution_photos where added_by = $1 and created_at >= $2)
           + (select count(*) from contribution_recordings where added_by = $1 and created_at >= $2))::int as n`,
        [userId, since],
      );
      return Number(r.n);
    },

    // Photos.
    async insertPhoto(
      p: {
        owner: { contributionId: string } | { walkStopId: string; credit: string };
        addedBy: string;
        altText: string;
        peopleAgreed: boolean;
        width: number;
        height: number;
        copies: Record<PhotoCopy, Buffer>;
      },
      at: Date,
      tx: Db = db,
    ): Promise<string> {
      // A stop has one photo: a new one replaces the old.
      if ('walkStopId' in p.owner) await tx.query('delete from contribution_photos where walk_stop_id = $1', [p.owner.walkStopId]);
      const row = await one<{ id: string }>(
        tx,
        `insert into contribution_photos (contribution_id, walk_stop_id, credit, added_by, alt_text, people_agreed, width, height,
           small_jpeg, small_webp, large_jpeg, large_webp, created_at)
         values ($1, $11, $12, $13, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [
          'contributionId' in p.owner ? p.owner.contributionId : null,
          p.altText,
          p.peopleAgreed,
          p.width,
          p.height,
          p.copies.small_jpeg,
          p.copies.small_webp,
          p.copies.large_jpeg,
          p.copies.large_webp,
          at,
          'walkStopId' in p.owner ? p.owner.walkStopId : null,
          'walkStopId' in p.owner ? p.owner.credit : null,
          p.addedBy,
        ],
      );
      return row.id;
    },

    async photosOf(contributionIds: readonly string[]): Promise<PhotoInfo[]> {
      if (contributionIds.length === 0) return [];
      const rows = await db.query<{ id: string; contribution_id: string; alt_text: string; people_agreed: boolean; width: number; height: number }>(
        `select id, contribution_id, alt_text, people_agreed, width, height from contribution_photos where contribution_id = any($1::uuid[]) order by created_at, id`,
        [contributionIds],
      );
      return rows.map((r) => ({
        id: r.id,
        contributionId: r.contribution_id,
        altText: r.alt_text,
        peopleAgreed: r.people_agreed,
        width: Number(r.width),
        height: Number(r.height),
      }));
    },

    /** One copy of a photo and the contribution it belongs to (the service decides who may see it). */
    async photoCopy(photoId: string, copy: PhotoCopy): Promise<{ contributionId: string; bytes: Buffer } | undefined> {
      const r = await maybeOne<{ contribution_id: string; bytes: Uint8Array }>(
        db,
        `select contribution_id, ${copy} as bytes from contribution_photos where id = $1 and contribution_id is not null`,
        [photoId],
      );
      return r && { contributionId: r.contribution_id, bytes: Buffer.from(r.bytes) };
    },

    async deletePhoto(photoId: string, contributionId: string, tx: Db = db): Promise<void> {
      await tx.query('delete from contribution_photos where id = $1 and contribution_id = $2', [photoId, contributionId]);
    },

    // Recordings (decision 048): one per memory; a new one replaces the old.
    async putRecording(
      r: { contributionId: string; format: RecordingFormat; durationSeconds: number; transcript: string; bytes: Buffer; addedBy: string },
      at: Date,
      tx: Db,
    ): Promise<string> {
      await tx.query('delete from contribution_recordings where contribution_id = $1', [r.contributionId]);
      const row = await one<{ id: string }>(
        tx,
        `insert into contribution_recordings (contribution_id, format, duration_seconds, byte_size, transcript, bytes, added_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [r.contributionId, r.format, Math.round(r.durationSeconds), r.bytes.length, r.transcript, r.bytes, r.addedBy, at],
      );
      return row.id;
    },

    async recordingsOf(contributionIds: readonly string[]): Promise<RecordingInfo[]> {
      if (contributionIds.length === 0) return [];
      const rows = await db.query<{
        id: string;
        contribution_id: string;
        format: RecordingFormat;
        duration_seconds: number;
        byte_size: number;
        transcript: string;
      }>(`select id, contribution_id, format, duration_seconds, byte_size, transcript from contribution_recordings where contribution_id = any($1::uuid[])`, [
        contributionIds,
      ]);
      return rows.map((r) => ({
        id: r.id,
        contributionId: r.contribution_id,
        format: r.format,
        durationSeconds: Number(r.duration_seconds),
        byteSize: Number(r.byte_size),
        transcript: r.transcript,
      }));
    },

    /** The cleaned bytes of a recording and the memory it belongs to (the service decides who may hear it). */
    async recordingBytes(recordingId: string): Promise<{ contributionId: string; format: RecordingFormat; bytes: Buffer } | undefined> {
      const r = await maybeOne<{ contribution_id: string; format: RecordingFormat; bytes: Uint8Array }>(
        db,
        'select contribution_id, format, bytes from contribution_recordings where id = $1',
        [recordingId],
      );
      return r && { contributionId: r.contribution_id, format: r.format, bytes: Buffer.from(r.bytes) };
    },

    async deleteRecording(contributionId: string, tx: Db): Promise<void> {
      await tx.query('delete from contribution_recordings where contribution_id = $1', [contributionId]);
    },
  };
}
