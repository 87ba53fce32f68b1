import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CARRIER_ERROR, CARRIER_PATHS, CarrierAnswer, CarrierOrder } from '@app/domain';
import { Carrier, CarrierCallFailed } from './carrier.port';

/**
 * The HTTP adapter of the carrier's partner API: transport only; the messages and the meaning
 * of the answers are in libs/domain's carrier-wire-format.ts. Every call has a time limit.
 */
@Injectable()
export class HttpCarrier extends Carrier {
  private readonly settings: AppConfig['postal']['carrier'];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.settings = config.postal.carrier;
  }

  get configured(): boolean {
    return this.settings.baseUrl !== null;
  }

  async announce(order: CarrierOrder): Promise<'ok' | 'already_exists'> {
    const what = `POST ${CARRIER_PATHS.create()} ${order.MaBuuGui}`;
    const { status, body } = await this.call('POST', CARRIER_PATHS.create(), order);
    const code = (body as Partial<CarrierAnswer>).ma_loi;
    if (status === 409 || code === CARRIER_ERROR.AlreadyExists) {
      return 'already_exists';
    }
    if (status >= 500 || status === 429) {
      throw new CarrierCallFailed(`${what}: HTTP ${status}`, false);
    }
    if (status >= 400 || code !== CARRIER_ERROR.Ok) {
      // The carrier refused the message itself: sending it again would not help.
      throw new CarrierCallFailed(
        `${what}: refused (HTTP ${status}, ma_loi ${String(code)}: ${(body as Partial<CarrierAnswer>).thong_diep ?? ''})`,
        true,
      );
    }
    return 'ok';
  }

  private async call(
    method: string,
    path: string,
    body: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const { baseUrl, token, timeoutMs } = this.settings;
    if (baseUrl === null) {
      throw new CarrierCallFailed('CARRIER_BASE_URL is not configured', false);
    }
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      const reason = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : e.message;
      throw new CarrierCallFailed(`${method} ${path}: ${reason}`, false);
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { thong_diep: text.slice(0, 200) };
    }
    return { status: response.status, body: parsed };
  }
}
