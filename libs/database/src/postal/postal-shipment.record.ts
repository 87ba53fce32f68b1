/** An address as the post office needs it (domain spec §9): by province, district, commune. */
export interface PostalAddress {
  name: string;
  phone: string;
  email?: string | null;
  street: string;
  commune: string;
  /** Null where the province has no district level any more (2025 reorganisation). */
  district: string | null;
  province: string;
}

export type ShipmentEventSource = 'desk' | 'carrier' | 'system';
export type CarrierState = 'not_needed' | 'pending' | 'acknowledged' | 'failed';

export interface ShipmentEventRecord {
  id: number;
  status: string;
  /** When it happened (a signature, a delivery); recordedAt: when motcua learned it. */
  at: Date;
  recordedAt: Date;
  actorId: string | null;
  actorName: string | null;
  source: ShipmentEventSource;
  note: string | null;
}

/** The biên bản giao nhận between the post office and the desk. */
export interface HandOverRecord {
  number: string;
  signedAt: Date;
  /** The post office's signatory. */
  signedBy: string;
  recordedBy: string | null;
  recordedAt: Date | null;
}

export interface ShipmentRecord {
  id: string;
  applicationId: string;
  applicationCode: string;
  departmentId: string;
  direction: 'inbound' | 'outbound';
  trackingCode: string;
  status: string;
  version: number;
  sender: PostalAddress;
  receiver: PostalAddress;
  postageVnd: number;
  codVnd: number;
  handOver: HandOverRecord | null;
  carrierState: CarrierState;
  carrierAttempts: number;
  carrierError: string | null;
  createdAt: Date;
  updatedAt: Date;
  events: ShipmentEventRecord[];
}

export interface NewShipmentEvent {
  status: string;
  at: Date;
  actorId: string | null;
  source: ShipmentEventSource;
  note: string | null;
}

export interface NewShipment {
  id: string;
  applicationId: string;
  direction: 'inbound' | 'outbound';
  trackingCode: string;
  status: string;
  sender: PostalAddress;
  receiver: PostalAddress;
  postageVnd: number;
  codVnd: number;
  handOver: { number: string; signedAt: Date; signedBy: string; recordedBy: string | null } | null;
  carrierState: CarrierState;
  at: Date;
  /** The first lines of its timeline, oldest first. */
  events: NewShipmentEvent[];
}

/** The applicant's choice of a result by post. */
export interface ReturnRequestRecord {
  applicationId: string;
  receiver: PostalAddress;
  postageVnd: number;
  requestedAt: Date;
}

/** What the result-ready dispatch reads about an application. */
export interface DispatchTarget {
  applicationId: string;
  code: string;
  status: string;
  procedureName: string;
  postalReturn: boolean;
  applicantFullName: string;
  applicantEmail: string | null;
  request: ReturnRequestRecord | null;
  outbound: ShipmentRecord | null;
}
