import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../repositories/postgres';

/** Whom a petition's e-mail goes to: the petitioner of that petition only. */
export interface PetitionMailTarget {
  code: string;
  title: string;
  fullName: string;
  email: string | null;
}

/** The petitioners' e-mails: their address, and which events were already mailed. */
@Injectable()
export class PetitionMailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async mailTarget(petitionId: string): Promise<PetitionMailTarget | null> {
    const rows = await queryRows<PetitionMailTarget>(
      this.dataSource,
      `SELECT code, title, petitioner_name AS "fullName", petitioner_email AS email
         FROM petitions WHERE id = $1`,
      [petitionId],
    );
    return rows[0] ?? null;
  }

  async wasMailed(eventId: string): Promise<boolean> {
    const rows = await queryRows<{ one: number }>(
      this.dataSource,
      `SELECT 1 AS one FROM petition_mails WHERE event_id = $1`,
      [eventId],
    );
    return rows.length > 0;
  }

  async recordMail(eventId: string, petitionId: string, kind: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO petition_mails (event_id, petition_id, kind) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO NOTHING`,
      [eventId, petitionId, kind],
    );
  }
}
