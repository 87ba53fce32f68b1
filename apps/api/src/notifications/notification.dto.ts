import { ApiProperty } from '@nestjs/swagger';
import type { NotificationRecord } from '@app/database';

/** One in-app notification (escalations and reminders addressed to the caller). */
export class NotificationDto implements NotificationRecord {
  @ApiProperty({ example: '17' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'escalation', description: 'What raised it' }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) applicationId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) emailedAt: Date | null;
}

export class MarkedCountDto {
  @ApiProperty({ type: 'integer', description: 'How many were unread and are now read' })
  marked: number;
}

/** What the bell and the escalation inbox show as badges. */
export class InboxCountsDto {
  @ApiProperty({ type: 'integer', description: 'My notifications not yet read' })
  unreadNotifications: number;
  @ApiProperty({
    type: 'integer',
    description: 'Escalations I see (as GET /escalations lists them) not yet acknowledged',
  })
  openEscalations: number;
}
