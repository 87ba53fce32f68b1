import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  Actor,
  ApplicationStatus,
  DEPARTMENT_SCOPED_ROLES,
  DomainError,
  DomainErrorCode,
  searchKey,
  STATUS_LABEL_VI,
  PORTAL_STATUS_CODE,
  assertCanSeeApplication,
  runningClockStatuses,
} from '@app/domain';
import { ApplicationRepository, isUuid, ListFilter } from '@app/database';
import { Clock } from '../clock/clock';
import { ActionOfferService } from './action-offer.service';
import {
  ApplicationView,
  placeOf,
  toApplicationListView,
  toApplicationView,
  toHistoryView,
} from './application.view';

export interface ListQuery {
  status?: ApplicationStatus[];
  departmentId?: string;
  procedureCode?: string;
  channel?: string;
  overdue?: boolean;
  dueBefore?: Date;
  receivedFrom?: Date;
  receivedTo?: Date;
  assignedToMe?: boolean;
  q?: string;
  sort?: 'dueAt' | 'receivedAt';
  direction?: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PublicStatusView {
  code: string;
  procedureName: string;
  status: string;
  portalStatusCode: number | null;
  statusLabel: string;
  receivedAt: string | null;
  appointmentAt: string | null;
  resultReadyAt: string | null;
  returnedAt: string | null;
}

function encodeCursor(value: Date | null, id: string): string {
  return Buffer.from(JSON.stringify([value ? new Date(value).toISOString() : null, id])).toString(
    'base64url',
  );
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A real instant written by toISOString (2025-02-31 parses, but is not one). */
function isRoundTrip(time: string): boolean {
  const parsed = new Date(time);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === time;
}

function decodeCursor(cursor: string): { value: string | null; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    // Exactly what encodeCursor writes (toISOString of a stored time, an application id), so
    // nothing else reaches the SQL comparison with the sort column.
    if (
      (value === null ||
        (typeof value === 'string' && CURSOR_TIME.test(value) && isRoundTrip(value))) &&
      typeof id === 'string' &&
      CURSOR_ID.test(id)
    ) {
      return { value, id };
    }
  } catch {
    // fall through
  }
  throw DomainError.validation('cursor', 'is not a cursor this API returned');
}

@Injectable()
export class ApplicationQueryService {
  constructor(
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ActionOfferService) private readonly offers: ActionOfferService,
  ) {}

  async list(query: ListQuery, viewer: Actor): Promise<Page<ApplicationView>> {
    const scoped = DEPARTMENT_SCOPED_ROLES.includes(viewer.role);
    if (scoped && query.departmentId && query.departmentId !== viewer.departmentId) {
      throw new DomainError(DomainErrorCode.Forbidden, 'You can list only your own department');
    }
    const limit = query.limit ?? 50;
    const filter: ListFilter = {
      statuses: query.status,
      // Officers and heads: what their department leads or holds (liên thông), as in get().
      departmentId: scoped ? viewer.departmentId : (query.departmentId ?? null),
      procedureCode: query.procedureCode,
      channel: query.channel,
      overdue: query.overdue
        ? { at: this.clock.now(), statuses: runningClockStatuses(this.config.rules) }
        : undefined,
      dueBefore: query.dueBefore,
      receivedFrom: query.receivedFrom,
      receivedTo: query.receivedTo,
      assignedOfficerId: query.assignedToMe ? viewer.id : undefined,
      searchText: query.q ? searchKey(query.q) : undefined,
      sort: query.sort ?? 'receivedAt',
      direction: query.direction ?? (query.sort === 'dueAt' ? 'asc' : 'desc'),
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    };
    const rows = await this.applications.list(filter);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(filter.sort === 'dueAt' ? last.dueAt : last.receivedAt, last.id)
        : null;
    const offer = await this.offers.rules();
    // A list (worklist, search, desk lists) masks identity numbers and phones; get() does not.
    return {
      items: items.map((r) => toApplicationListView(r, this.config.rules, viewer, offer)),
      nextCursor,
    };
  }

  /** One application with its full history timeline. */
  async get(idOrCode: string, viewer: Actor): Promise<ApplicationView> {
    const record = await this.applications.findByIdOrCode(idOrCode);
    if (!record) {
      throw DomainError.notFound('application', idOrCode);
    }
    // The lead department keeps reading while another holds it: it stays accountable.
    assertCanSeeApplication(viewer, placeOf(record));
    const [history, receivedDocuments, offer] = await Promise.all([
      this.applications.history(record.id),
      this.applications.receivedDocuments(record.id),
      this.offers.rules(),
    ]);
    return {
      ...toApplicationView({ ...record, receivedDocuments }, this.config.rules, viewer, offer),
      history: history.map(toHistoryView),
    };
  }

  /**
   * The citizen's look-up: the code plus the last 4 digits of the phone given at reception.
   * A wrong phone answers exactly like an unknown code, so codes cannot be probed.
   */
  async publicStatus(code: string, phoneLast4: string): Promise<PublicStatusView> {
    // Only the printed code opens the public page, never the internal id.
    const record = isUuid(code) ? null : await this.applications.findByIdOrCode(code);
    const digits = record?.applicantPhone.replace(/\D/g, '') ?? '';
    if (!record || digits.length < 4 || digits.slice(-4) !== phoneLast4) {
      throw new DomainError(
        DomainErrorCode.NotFound,
        'Không tìm thấy hồ sơ với mã và số điện thoại đã nhập',
      );
    }
    const status = record.status as ApplicationStatus;
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      code: record.code,
      procedureName: record.procedureName,
      status,
      portalStatusCode: PORTAL_STATUS_CODE[status],
      statusLabel: STATUS_LABEL_VI[status],
      receivedAt: iso(record.receivedAt),
      appointmentAt: iso(record.dueAt),
      resultReadyAt: iso(record.resultReadyAt),
      returnedAt: iso(record.returnedAt),
    };
  }
}
