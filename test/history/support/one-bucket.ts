import { stagingBucket } from '../../../apps/dashboard/src/platform/storage/staging-bucket';

/** `count` server ids that share a staging bucket, so that their reports of one second share a staging row. */
export function serversOfOneBucket(count: number): string[] {
  return Array.from({ length: 100 * count }, (_, i) => `s${i}`)
    .filter((id) => stagingBucket(id) === stagingBucket('s0'))
    .slice(0, count);
}
