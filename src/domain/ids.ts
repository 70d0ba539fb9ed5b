/** Record ids are UUIDs; anything else names no record (and must not reach a uuid column). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string) => UUID_PATTERN.test(v);
