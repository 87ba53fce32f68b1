import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * An open transaction, handed to repository methods that take part in it. Use cases hold it
 * without knowing TypeORM (style rule 3): they only pass it on.
 */
export type DbTransaction = EntityManager;

/** Runs several repositories' writes in one transaction (account change + audit row, say). */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: DbTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

/** The transaction's manager when there is one, else the pool. */
export function executorOf(dataSource: DataSource, tx?: DbTransaction): DataSource | EntityManager {
  return tx ?? dataSource;
}
