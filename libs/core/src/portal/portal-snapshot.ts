import {
  ApplicationStatus,
  Channel,
  PortalHistoryRow,
  PortalSnapshot,
  Role,
  TransitionAction as A,
} from '@app/domain';
import { PortalApplicationData, PortalHistoryRecord } from '@app/database';

const DESK = 'Bộ phận Một cửa';

function unitOf(h: PortalHistoryRecord, agencyName: string): string {
  if (h.actorRole === String(Role.Reception)) {
    return DESK;
  }
  if (h.actorRole === String(Role.Director)) {
    return `Lãnh đạo ${agencyName}`;
  }
  return h.actorDepartmentName ?? agencyName;
}

const dateOrNull = (v: unknown): Date | null => (typeof v === 'string' ? new Date(v) : null);

/** The mapper's view of one application, from what the sync session read. */
export function portalSnapshot(data: PortalApplicationData, agencyName: string): PortalSnapshot {
  const r = data.record;
  // The i-th completed supplement pairs with the i-th "supplement received" history row, which
  // holds the appointment before and after the restart.
  const restarts = data.history.filter((h) => h.action === String(A.ReceiveSupplement));
  let completed = 0;
  const history: PortalHistoryRow[] = data.history.map((h) => ({
    id: h.id,
    at: new Date(h.at),
    action: h.action,
    toStatus: h.toStatus as ApplicationStatus,
    actorName: h.actorName,
    actorUnit: unitOf(h, agencyName),
    note: h.note,
  }));
  return {
    code: r.code,
    procedureCode: r.procedureCode,
    procedureName: r.procedureName,
    channel: r.channel as Channel,
    status: r.status as ApplicationStatus,
    applicantFullName: r.applicantFullName,
    applicantPhone: r.applicantPhone,
    applicantEmail: r.applicantEmail,
    applicantAddress: r.applicantAddress,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    returnedAt: r.returnedAt,
    stoppedAt: r.stoppedAt,
    agencyName,
    departmentName: data.holdingDepartmentName,
    supplements: data.supplements.map((x) => {
      const restart = x.completedAt ? restarts[completed++] : undefined;
      return {
        id: x.id,
        requestedAt: new Date(x.requestedAt),
        completedAt: x.completedAt ? new Date(x.completedAt) : null,
        items: Array.isArray(x.items) ? x.items.map(String) : [],
        reason: x.reason,
        previousDueAt: dateOrNull(restart?.payload.previousDueAt),
        newDueAt: dateOrNull(restart?.payload.dueAt),
      };
    }),
    history,
  };
}
