import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '@app/domain';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text', { name: 'password_hash' }) passwordHash: string;
  @Column('text', { name: 'full_name' }) fullName: string;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text') role: Role;
  @Column('uuid', { name: 'department_id', nullable: true }) departmentId: string | null;
  @Column('boolean') active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
