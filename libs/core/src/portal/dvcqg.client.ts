import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  DVCQG_ERROR,
  DVCQG_PATHS,
  DvcqgAnswer,
  DvcqgDossier,
  DvcqgDossierCopy,
  DvcqgProgressBatch,
} from '@app/domain';

/** Why a call to the portal did not succeed; `permanent` failures are not retried. */
export class PortalCallFailed extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export type PortalWriteOutcome = 'ok' | 'already_exists' | 'not_found';

/**
 * The HTTP adapter of DVCQG: transport only; the messages and the meaning of the answers are
 * in libs/domain's dvcqg-wire-format.ts. Every call has a time limit (DVCQG_TIMEOUT_MS).
 */
@Injectable()
export class DvcqgClient {
  private readonly settings: AppConfig['national']['dvcqg'];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.national.dvcqg;
  }

  get configured(): boolean {
    return this.settings.baseUrl !== null;
  }

  create(dossier: DvcqgDossier): Promise<PortalWriteOutcome> {
    return this.write('POST', DVCQG_PATHS.create(), dossier);
  }

  update(dossier: DvcqgDossier): Promise<PortalWriteOutcome> {
    return this.write('PUT', DVCQG_PATHS.update(dossier.MaHoSo), dossier);
  }

  async addProgress(batch: DvcqgProgressBatch): Promise<void> {
    const outcome = await this.write('POST', DVCQG_PATHS.progress(batch.MaHoSo), batch);
    if (outcome !== 'ok') {
      throw new PortalCallFailed(`progress of ${batch.MaHoSo}: ${outcome}`, false);
    }
  }

  /** The portal's copy, or null when it has none. */
  async read(code: string): Promise<DvcqgDossierCopy | null> {
    const { status, body } = await this.call('GET', DVCQG_PATHS.read(code));
    const answer = body as Partial<DvcqgAnswer> & Partial<DvcqgDossierCopy>;
    if (status === 404 || answer.error_code === DVCQG_ERROR.NotFound) {
      return null;
    }
    this.assertOk(status, answer, `GET ${code}`);
    return { HoSo: answer.HoSo!, QuaTrinhXuLy: answer.QuaTrinhXuLy ?? [] };
  }

  private async write(method: string, path: string, body: unknown): Promise<PortalWriteOutcome> {
    const { status, body: answer } = await this.call(method, path, body);
    const code = (answer as Partial<DvcqgAnswer>).error_code;
    if (status === 409 || code === DVCQG_ERROR.AlreadyExists) {
      return 'already_exists';
    }
    if (status === 404 || code === DVCQG_ERROR.NotFound) {
      return 'not_found';
    }
    this.assertOk(status, answer as Partial<DvcqgAnswer>, `${method} ${path}`);
    return 'ok';
  }

  private assertOk(status: number, answer: Partial<DvcqgAnswer>, what: string): void {
    if (status >= 500) {
      throw new PortalCallFailed(`${what}: HTTP ${status}`, false);
    }
    if (status >= 400 || answer.error_code !== DVCQG_ERROR.Ok) {
      // The portal refused the message itself: sending it again would not help.
      throw new PortalCallFailed(
        `${what}: refused (HTTP ${status}, error_code ${String(answer.error_code)}: ${answer.message ?? ''})`,
        status === 429 ? false : true,
      );
    }
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const { baseUrl, token, timeoutMs } = this.settings;
    if (baseUrl === null) {
      throw new PortalCallFailed('DVCQG_BASE_URL is not configured', false);
    }
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      const reason = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : e.message;
      throw new PortalCallFailed(`${method} ${path}: ${reason}`, false);
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { message: text.slice(0, 200) };
    }
    return { status: response.status, body: parsed };
  }
}
