import type { OnApplicationShutdown } from '@nestjs/common';
import type { TransitionCause } from '@sss/contracts';
import { RateLimiter, type Log } from '@sss/log';
import { Redis, type RedisOptions } from 'ioredis';
import { Subject, type Observable } from 'rxjs';
import type { EventBus, EventBusStats, RemoteFleetEvent } from '../../../application/ports/event-bus.port';
import { batchOrigin, decodeBatch, encodeBatch, offlineLine, catalogLine, reportLine } from './bus-batch';

/** Events waiting or on their way to Redis; beyond it new ones are dropped and counted (about 20 MB of reports). */
const MAX_OUTGOING = 10_000;
/** Reconnect delays double from this, up to the cap. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;
const LOG_EVERY_MS = 60_000;

export interface RedisBusOptions {
  url: string;
  channel: string;
  /** This replica's id, sent with each batch so that it skips its own. */
  origin: string;
}

/**
 * The bus between replicas over Redis pub/sub. The events a replica publishes
 * in one turn of its event loop go as one PUBLISH (a report is one line of a
 * batch: its JSON text as received, behind its id and time). Publishing never
 * waits: while Redis is unreachable or the outgoing events pass their bound,
 * new events are dropped and counted; the clients reconnect with backoff and
 * the subscriber resubscribes. Errors are logged once a minute at most.
 */
export class RedisEventBus implements EventBus, OnApplicationShutdown {
  private readonly incoming = new Subject<RemoteFleetEvent>();
  readonly received$: Observable<RemoteFleetEvent> = this.incoming.asObservable();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private pending: string[] = [];
  private flushing = false;
  private inFlight = 0;
  private readonly counts = { published: 0, received: 0, dropped: 0, errors: 0 };
  private readonly logLimit = new RateLimiter(LOG_EVERY_MS);
  private readonly flushSoon = (): void => this.flush();

  constructor(
    private readonly options: RedisBusOptions,
    private readonly log: Log,
  ) {
    const common: RedisOptions = {
      retryStrategy: (times) => Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(times - 1, 6)),
    };
    // Commands never wait for a connection: a live event is worth sending now or not at all.
    this.publisher = new Redis(options.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    // The subscriber's one SUBSCRIBE waits for the first connection; later ones resubscribe by themselves.
    this.subscriber = new Redis(options.url, { ...common, maxRetriesPerRequest: null });
    const where = redisHost(options.url);
    for (const [role, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (err: Error) => this.failed(role, err));
      client.on('ready', () => this.log.info('event bus connected', { role, redis: where }));
    }
    this.subscriber.on('message', (_channel: string, text: string) => this.receive(text));
    this.subscriber.subscribe(options.channel).catch((err: Error) => this.failed('subscriber', err));
  }

  report(serverId: string, at: number, json: string): void {
    if (this.canTake()) this.enqueue(reportLine(serverId, at, json));
  }

  offline(serverId: string, at: number, cause: TransitionCause): void {
    if (this.canTake()) this.enqueue(offlineLine(serverId, at, cause));
  }

  catalogChanged(serverId: string): void {
    if (this.canTake()) this.enqueue(catalogLine(serverId));
  }

  stats(): EventBusStats {
    const connected = this.publisher.status === 'ready' && this.subscriber.status === 'ready';
    return { transport: 'redis', connected, ...this.counts };
  }

  /** Sends what is pending, then closes both connections. */
  async onApplicationShutdown(): Promise<void> {
    this.flush();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }

  private canTake(): boolean {
    if (this.publisher.status === 'ready' && this.inFlight + this.pending.length < MAX_OUTGOING) return true;
    this.counts.dropped++;
    return false;
  }

  private enqueue(line: string): void {
    this.pending.push(line);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(this.flushSoon);
  }

  private flush(): void {
    this.flushing = false;
    const lines = this.pending;
    if (lines.length === 0) return;
    this.pending = [];
    this.inFlight += lines.length;
    this.publisher.publish(this.options.channel, encodeBatch(this.options.origin, lines)).then(
      () => {
        this.inFlight -= lines.length;
        this.counts.published += lines.length;
      },
      (err: Error) => {
        this.inFlight -= lines.length;
        this.counts.dropped += lines.length;
        this.failed('publisher', err);
      },
    );
  }

  private receive(text: string): void {
    if (batchOrigin(text) === this.options.origin) return;
    decodeBatch(
      text,
      (event) => {
        this.counts.received++;
        this.incoming.next(event);
      },
      (line) => {
        const suppressed = this.logLimit.take('bad-line');
        if (suppressed >= 0) this.log.warn('event bus message skipped: not an event', { line: line.slice(0, 80), suppressed });
      },
    );
  }

  private failed(role: 'publisher' | 'subscriber', err: Error): void {
    this.counts.errors++;
    const suppressed = this.logLimit.take(role);
    if (suppressed >= 0) {
      this.log.warn("event bus unavailable: other replicas miss this one's live data until it is back; retrying", {
        role,
        redis: redisHost(this.options.url),
        error: err.message,
        dropped: this.counts.dropped,
        suppressed,
      });
    }
  }
}

/** Where Redis is, without the credentials the URL may hold. */
function redisHost(url: string): string {
  return new URL(url).host;
}
