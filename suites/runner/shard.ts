/**
 * `--shard I/N`: a deterministic share of a plan's paths. A path belongs to shard
 * `1 + fnv1a(path id) mod N`, so the share depends on the path's id only: adding or removing a
 * path elsewhere in the plan moves no other path to another shard.
 */
import { UsageError } from '../../models/error-codes.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** FNV-1a, 32 bits, over the UTF-16 code units of the id. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function shardOf(pathId: string, count: number): number {
  return 1 + (fnv1a(pathId) % count);
}

export function inShard(pathId: string, shard: Shard): boolean {
  return shardOf(pathId, shard.count) === shard.index;
}

/** `I/N` with 1 <= I <= N. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard takes I/N with 1 <= I <= N (e.g. --shard 1/2), not '${text}'`, 'USAGE');
  }
  return { index, count };
}
