import { Injectable } from '@nestjs/common';
import { NOTIFICATIONS_CHANNEL } from '@app/database';
import { MetricsStreamHub } from '../metrics/metrics-stream.hub';

/**
 * The bell's stream: the same fan-out as the dashboards' (tickets, throttle, heartbeat, revoked
 * accounts closed), woken only when the worker has committed new notifications. Every open
 * stream is told; each page then asks for its own count, so no one learns another's.
 */
@Injectable()
export class NotificationsStreamHub extends MetricsStreamHub {
  protected override listenTo(): { channels: readonly string[] } {
    return { channels: [NOTIFICATIONS_CHANNEL] };
  }
}
