import { Inject, Injectable } from '@nestjs/common';
import {
  ProcedureContent,
  ProcedureRecord,
  ProcedureRepository,
  ProcedureSearch,
} from '@app/database';
import {
  DomainError,
  DomainErrorCode,
  LEGAL_REVIEW_CHAIN,
  reviewChainProblems,
  type ReviewStep,
} from '@app/domain';
import { ProcedureContentDto } from './dto/procedure-input.dto';

const DEFAULT_LIMIT = 50;

const notFound = (code: string, version?: number) =>
  new DomainError(
    DomainErrorCode.NotFound,
    version === undefined
      ? `Không tìm thấy thủ tục ${code}`
      : `Không tìm thấy phiên bản ${version} của thủ tục ${code}`,
  );

/** The chain as sent, checked against the rules (leaders only, the signature last). */
function reviewChainOf(dto: ProcedureContentDto): ReviewStep[] | undefined {
  if (dto.reviewChain === undefined) {
    return undefined;
  }
  const chain = dto.reviewChain.map((step) => ({ stage: step.stage, role: step.role }));
  const problems = reviewChainProblems(chain, 'reviewChain');
  if (problems.length > 0) {
    throw new DomainError(
      DomainErrorCode.Validation,
      `reviewChain: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
      problems,
    );
  }
  return chain;
}

function toContent(dto: ProcedureContentDto): ProcedureContent {
  return {
    name: dto.name,
    departmentId: dto.departmentId,
    timeLimit: { value: dto.timeLimit.value, unit: dto.timeLimit.unit },
    onlineLevel: dto.onlineLevel,
    feeVnd: dto.feeVnd,
    eligibleFullOnline: dto.eligibleFullOnline ?? false,
    onNationalPortal: dto.onNationalPortal ?? false,
    postalIntake: dto.postalIntake ?? false,
    postalReturn: dto.postalReturn ?? false,
    source: dto.source ?? null,
    reviewChain: reviewChainOf(dto),
  };
}

/**
 * The procedure catalog. A change never edits a version: it publishes the next one, because
 * every application keeps the version (time limit, fee) it was received under.
 */
@Injectable()
export class ProceduresService {
  constructor(@Inject(ProcedureRepository) private readonly procedures: ProcedureRepository) {}

  search(filter: Omit<ProcedureSearch, 'limit'> & { limit?: number }): Promise<ProcedureRecord[]> {
    return this.procedures.search({ ...filter, limit: filter.limit ?? DEFAULT_LIMIT });
  }

  /** The current version, or the one asked for. */
  async get(code: string, version?: number): Promise<ProcedureRecord> {
    const procedure =
      version === undefined
        ? await this.procedures.findCurrent(code)
        : await this.procedures.findVersion(code, version);
    if (!procedure) {
      throw notFound(code, version);
    }
    return procedure;
  }

  async versions(code: string): Promise<ProcedureRecord[]> {
    const versions = await this.procedures.listVersions(code);
    if (versions.length === 0) {
      throw notFound(code);
    }
    return versions;
  }

  async create(code: string, dto: ProcedureContentDto): Promise<ProcedureRecord> {
    try {
      const content = toContent(dto);
      // Spec §1: the officer appraises, the head reviews, a leader of the agency signs.
      return await this.procedures.create(code, {
        ...content,
        reviewChain: content.reviewChain ?? [...LEGAL_REVIEW_CHAIN],
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === DomainErrorCode.Duplicate) {
        // Conflicts carry the current state (style rule 10).
        const current = (await this.procedures.findCurrent(code)) ?? undefined;
        throw new DomainError(error.code, error.message, error.details, current);
      }
      throw error;
    }
  }

  async publish(
    code: string,
    dto: ProcedureContentDto,
    expectedVersion?: number,
  ): Promise<ProcedureRecord> {
    const result = await this.procedures.publishVersion(code, toContent(dto), expectedVersion);
    switch (result.status) {
      case 'updated':
        return result.record;
      case 'not_found':
        throw notFound(code);
      case 'stale':
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          `Thủ tục ${code} đã có phiên bản ${result.current.version}; hãy tải lại và sửa lại`,
          [
            {
              field: 'version',
              reason: `is ${expectedVersion}, the current version is ${result.current.version}`,
            },
          ],
          result.current,
        );
    }
  }
}
