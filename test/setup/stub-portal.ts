import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DvcqgDossier, DvcqgProgress } from '@app/domain';

/** What the stub does with one call instead of answering normally. */
export type PortalFault = 'http500' | 'timeout' | 'refuse400' | 'error_code';

export interface PortalCall {
  method: string;
  path: string;
  body: unknown;
  /** The answer's HTTP status (0: no answer, the call timed out). */
  status: number;
  /** The answer's error_code (0: acknowledged; 409 already exists; 404 not found). */
  errorCode: number | null;
}

/**
 * A small DVCQG stand-in (the wire format of libs/domain's dvcqg-wire-format.ts): dossiers by
 * MaHoSo with create ("already exists" when present), update ("not found" when absent),
 * progress rows keyed by MaTienDo, and GET. Faults are scripted per call (`failNext`) or drawn
 * by a function (`faultFor`); a faulty call changes nothing on the portal.
 */
export class StubPortal {
  readonly dossiers = new Map<string, DvcqgDossier>();
  readonly progress = new Map<string, Map<string, DvcqgProgress>>();
  readonly calls: PortalCall[] = [];
  private scripted: PortalFault[] = [];
  faultFor: (method: string, path: string) => PortalFault | null = () => null;
  /** How long a "timeout" holds the answer back (longer than the client's limit). */
  timeoutHoldMs = 1500;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/dvcqg`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failNext(...faults: PortalFault[]): void {
    this.scripted.push(...faults);
  }

  writes(code?: string): PortalCall[] {
    return this.calls.filter(
      (c) =>
        c.method !== 'GET' &&
        c.status === 200 &&
        (code === undefined || c.path.includes(encodeURIComponent(code)) || bodyCode(c) === code),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    const method = req.method ?? 'GET';
    const path = (req.url ?? '').replace(/^\/api\/dvcqg/, '');
    const call: PortalCall = { method, path, body, status: 0, errorCode: null };
    this.calls.push(call);
    const answer = (status: number, payload: { error_code: number; [key: string]: unknown }) => {
      call.status = status;
      call.errorCode = payload.error_code;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    const fault = this.scripted.shift() ?? this.faultFor(method, path);
    switch (fault) {
      case 'http500':
        return answer(503, { error_code: 503, message: 'Hệ thống đang bảo trì' });
      case 'refuse400':
        return answer(400, { error_code: 1001, message: 'Dữ liệu không hợp lệ' });
      case 'error_code':
        return answer(200, { error_code: 1002, message: 'Mã TTHC không tồn tại' });
      case 'timeout':
        await new Promise((r) => setTimeout(r, this.timeoutHoldMs));
        if (!res.destroyed) {
          res.destroy();
        }
        return;
      case null:
      case undefined:
        break;
    }
    const match = /^\/hoso(?:\/([^/]+))?(\/tiendo)?$/.exec(path);
    if (!match) {
      return answer(404, { error_code: 404, message: 'no such route' });
    }
    const code = match[1] ? decodeURIComponent(match[1]) : undefined;
    if (method === 'POST' && !code) {
      const dossier = body as DvcqgDossier;
      if (this.dossiers.has(dossier.MaHoSo)) {
        return answer(200, { error_code: 409, message: 'Hồ sơ đã tồn tại' });
      }
      this.dossiers.set(dossier.MaHoSo, dossier);
      return answer(200, { error_code: 0 });
    }
    if (!code || !this.dossiers.has(code)) {
      return answer(200, { error_code: 404, message: 'Không tìm thấy hồ sơ' });
    }
    if (method === 'PUT' && !match[2]) {
      this.dossiers.set(code, body as DvcqgDossier);
      return answer(200, { error_code: 0 });
    }
    if (method === 'POST' && match[2]) {
      const rows = this.progress.get(code) ?? new Map<string, DvcqgProgress>();
      for (const row of (body as { QuaTrinhXuLy: DvcqgProgress[] }).QuaTrinhXuLy) {
        rows.set(row.MaTienDo, row);
      }
      this.progress.set(code, rows);
      return answer(200, { error_code: 0 });
    }
    if (method === 'GET' && !match[2]) {
      return answer(200, {
        error_code: 0,
        HoSo: this.dossiers.get(code),
        QuaTrinhXuLy: [...(this.progress.get(code)?.values() ?? [])],
      });
    }
    return answer(405, { error_code: 405 });
  }
}

function bodyCode(c: PortalCall): string | undefined {
  return (c.body as { MaHoSo?: string } | undefined)?.MaHoSo;
}
