import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PostalIntakeService, PostalShipmentService } from '@app/core';
import { Role } from '@app/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import {
  OutboundHandOverDto,
  PostalIntakeDto,
  ReturnByPostDto,
  ShipmentMoveDto,
  TrackingPoolRangeDto,
} from './dto/postal-input.dto';
import {
  PostalIntakeResultDto,
  ReturnRequestDto,
  ShipmentDto,
  TrackingPoolDto,
  TrackingPoolImportDto,
} from './dto/shipment.dto';

export class ShipmentIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

const optionalDate = (value: string | undefined) =>
  value === undefined ? undefined : new Date(value);

/** The postal channel (bưu chính công ích): intake by post, shipments, the result by post. */
@ApiTags('postal')
@ApiBearerAuth()
@Controller('postal')
export class PostalController {
  constructor(
    @Inject(PostalIntakeService) private readonly intake: PostalIntakeService,
    @Inject(PostalShipmentService) private readonly shipments: PostalShipmentService,
  ) {}

  @Post('intake')
  @HttpCode(201)
  @Roles(Role.Reception, Role.Admin)
  @ApiOperation({
    summary:
      'Log a dossier received by post: received as of the hand-over record’s signature, which starts its appointment',
  })
  @ApiCreatedResponse({ type: PostalIntakeResultDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Tracking code or record number in use; pool empty',
  })
  async receiveByPost(
    @Body() body: PostalIntakeDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PostalIntakeResultDto> {
    return this.intake.receiveByPost(
      {
        ...body,
        acceptedByPostAt: optionalDate(body.acceptedByPostAt),
        handOver: { ...body.handOver, signedAt: new Date(body.handOver.signedAt) },
        sender: { ...body.sender, district: body.sender.district ?? null },
        returnByPost: body.returnByPost && {
          ...body.returnByPost,
          receiver: {
            ...body.returnByPost.receiver,
            district: body.returnByPost.receiver.district ?? null,
          },
        },
      },
      user,
    );
  }

  @Get('applications/:idOrCode/shipments')
  @ApiOperation({ summary: 'The shipments of an application, each with its timeline' })
  @ApiOkResponse({ type: [ShipmentDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  forApplication(
    @Param('idOrCode') idOrCode: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ShipmentDto[]> {
    return this.shipments.forApplication(idOrCode, user);
  }

  @Put('applications/:idOrCode/return-request')
  @Roles(Role.Reception, Role.Admin)
  @ApiOperation({ summary: 'The applicant asks for the result by post, to this address' })
  @ApiOkResponse({ type: ReturnRequestDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Closed, or already with the post office',
  })
  requestReturn(
    @Param('idOrCode') idOrCode: string,
    @Body() body: ReturnByPostDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReturnRequestDto> {
    return this.shipments.requestReturnByPost(
      idOrCode,
      { ...body, receiver: { ...body.receiver, district: body.receiver.district ?? null } },
      user,
    );
  }

  @Get('shipments/:id')
  @ApiOperation({ summary: 'One shipment with its timeline' })
  @ApiOkResponse({ type: ShipmentDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param() params: ShipmentIdParamDto, @CurrentUser() user: AuthUser): Promise<ShipmentDto> {
    return this.shipments.get(params.id, user);
  }

  @Post('shipments/:id/hand-over')
  @HttpCode(200)
  @Roles(Role.Reception, Role.Admin)
  @ApiOperation({ summary: 'The sealed result handed to the post office (biên bản giao nhận)' })
  @ApiOkResponse({ type: ShipmentDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Not waiting for collection; stale version',
  })
  handOver(
    @Param() params: ShipmentIdParamDto,
    @Body() body: OutboundHandOverDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ShipmentDto> {
    return this.shipments.recordHandOver(
      params.id,
      { ...body, signedAt: new Date(body.signedAt) },
      user,
    );
  }

  @Post('shipments/:id/status')
  @HttpCode(200)
  @Roles(Role.Reception, Role.Admin)
  @ApiOperation({
    summary: 'The next step of the timeline (in transit, delivered, failed, returned)',
  })
  @ApiOkResponse({ type: ShipmentDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Illegal move (with the current shipment)',
  })
  move(
    @Param() params: ShipmentIdParamDto,
    @Body() body: ShipmentMoveDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ShipmentDto> {
    return this.shipments.move(params.id, { ...body, at: optionalDate(body.at) }, user);
  }

  @Get('tracking-pool')
  @Roles(Role.Reception, Role.Admin)
  @ApiOperation({ summary: 'How many tracking codes are left in the pool' })
  @ApiOkResponse({ type: TrackingPoolDto })
  pool(): Promise<TrackingPoolDto> {
    return this.shipments.poolCounts();
  }

  @Post('tracking-pool')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add a range of S10 codes the post office assigned to the Department' })
  @ApiOkResponse({ type: TrackingPoolImportDto })
  addRange(@Body() body: TrackingPoolRangeDto): Promise<TrackingPoolImportDto> {
    return this.shipments.addRangeToPool(body);
  }
}
