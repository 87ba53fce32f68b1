import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('calendar_overrides')
export class CalendarOverrideEntity {
  /** A local date (Asia/Ho_Chi_Minh), kept as 'YYYY-MM-DD' text in JS. */
  @PrimaryColumn('date') date: string;
  @Column('text') kind: 'day_off' | 'working_day';
  @Column('text') reason: string;
  @Column('text') source: string;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
