import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TimeLimitUnit = 'working_days' | 'hours' | 'calendar_days' | 'months';
export type OnlineLevel = 'full' | 'partial' | 'none';

const bigintAsNumber = {
  to: (v: number) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** One published version of a procedure; applications pin the version they were received under. */
@Entity('procedures')
export class ProcedureEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('integer') version: number;
  @Column('boolean', { name: 'is_current' }) isCurrent: boolean;
  @Column('text') name: string;
  @Column('uuid', { name: 'department_id' }) departmentId: string;
  @Column('integer', { name: 'time_limit_value' }) timeLimitValue: number;
  @Column('text', { name: 'time_limit_unit' }) timeLimitUnit: TimeLimitUnit;
  @Column('text', { name: 'online_level' }) onlineLevel: OnlineLevel;
  @Column('bigint', { name: 'fee_vnd', transformer: bigintAsNumber }) feeVnd: number;
  @Column('boolean', { name: 'eligible_full_online' }) eligibleFullOnline: boolean;
  @Column('boolean', { name: 'on_national_portal' }) onNationalPortal: boolean;
  @Column('text', { nullable: true }) source: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
