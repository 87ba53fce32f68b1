import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CarrierOrder } from '@app/domain';

/** What the stub does with one call instead of answering normally. */
export type CarrierFault = 'http500' | 'timeout' | 'refuse400' | 'error_code';

export interface CarrierCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
  /** The answer's HTTP status (0: no answer, the call timed out). */
  status: number;
  maLoi: number | null;
}

/**
 * A small stand-in for the carrier's partner API (libs/domain carrier-wire-format.ts):
 * consignments by MaBuuGui ("already exists" when announced again) and their tracking.
 * Faults are scripted per call (`failNext`); a faulty call changes nothing.
 */
export class StubCarrier {
  readonly orders = new Map<string, CarrierOrder>();
  readonly calls: CarrierCall[] = [];
  private scripted: CarrierFault[] = [];
  /** How long a "timeout" holds the answer back (longer than the client's limit). */
  timeoutHoldMs = 1500;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/buuchinh`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failNext(...faults: CarrierFault[]): void {
    this.scripted.push(...faults);
  }

  callsFor(trackingCode: string): CarrierCall[] {
    return this.calls.filter(
      (c) => (c.body as Partial<CarrierOrder> | undefined)?.MaBuuGui === trackingCode,
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
    const path = (req.url ?? '').replace(/^\/api\/buuchinh/, '');
    const call: CarrierCall = {
      method,
      path,
      body,
      authorization: req.headers.authorization,
      status: 0,
      maLoi: null,
    };
    this.calls.push(call);
    const answer = (status: number, payload: { ma_loi: number; [key: string]: unknown }) => {
      call.status = status;
      call.maLoi = payload.ma_loi;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    switch (this.scripted.shift()) {
      case 'http500':
        return answer(502, { ma_loi: 502, thong_diep: 'Hệ thống đang bận' });
      case 'refuse400':
        return answer(400, { ma_loi: 1001, thong_diep: 'Địa chỉ người nhận không hợp lệ' });
      case 'error_code':
        return answer(200, { ma_loi: 1002, thong_diep: 'Mã khách hàng không tồn tại' });
      case 'timeout':
        await new Promise((r) => setTimeout(r, this.timeoutHoldMs));
        if (!res.destroyed) {
          res.destroy();
        }
        return;
      case undefined:
        break;
    }
    if (method === 'POST' && path === '/buu-gui') {
      const order = body as CarrierOrder;
      if (this.orders.has(order.MaBuuGui)) {
        return answer(200, { ma_loi: 409, thong_diep: 'Bưu gửi đã tồn tại' });
      }
      this.orders.set(order.MaBuuGui, order);
      return answer(200, { ma_loi: 0 });
    }
    const track = /^\/buu-gui\/([^/]+)$/.exec(path);
    if (method === 'GET' && track) {
      const code = decodeURIComponent(track[1]);
      return this.orders.has(code)
        ? answer(200, { ma_loi: 0, MaBuuGui: code, LichSu: [] })
        : answer(404, { ma_loi: 404, thong_diep: 'Không tìm thấy bưu gửi' });
    }
    return answer(404, { ma_loi: 404, thong_diep: 'no such route' });
  }
}
