import { Inject, Injectable } from '@nestjs/common';
import type { Log } from '@sss/log';
import { LOG } from '../../../../platform/logging/log.token';
import { StoredReloadTimer } from '../../../../platform/storage/stored-reload.timer';
import { LiveEnrollmentKeys } from '../../../application/live-enrollment-keys';

/** Loads the stored enrollment keys at start and again for other replicas' changes (StoredReloadTimer). */
@Injectable()
export class EnrollmentKeysRefreshTimer extends StoredReloadTimer {
  constructor(
    private readonly keys: LiveEnrollmentKeys,
    @Inject(LOG) log: Log,
  ) {
    super(log, 'stored enrollment keys');
  }

  protected load(): Promise<void> {
    return this.keys.load();
  }
}
