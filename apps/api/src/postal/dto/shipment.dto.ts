import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ShipmentStatus } from '@app/domain';
import { ApplicationDto } from '../../applications/dto/application.dto';

export class PostalAddressViewDto {
  @ApiProperty() name: string;
  @ApiProperty() phone: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email?: string | null;
  @ApiProperty() street: string;
  @ApiProperty() commune: string;
  @ApiProperty({ type: String, nullable: true }) district: string | null;
  @ApiProperty() province: string;
}

export class HandOverViewDto {
  @ApiProperty({ description: 'Number of the biên bản giao nhận' }) number: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
  @ApiProperty() signedBy: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recordedAt: string | null;
}

export class ShipmentEventDto {
  @ApiProperty({ enum: ShipmentStatus }) status: string;
  @ApiProperty({ example: 'Đã phát thành công' }) statusLabel: string;
  @ApiProperty({ format: 'date-time', description: 'When it happened' }) at: string;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded' }) recordedAt: string;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ enum: ['desk', 'carrier', 'system'] }) source: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class ShipmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() applicationCode: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction: 'inbound' | 'outbound';
  @ApiProperty({ example: 'RR473124829VN' }) trackingCode: string;
  @ApiProperty({ enum: ShipmentStatus }) status: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: PostalAddressViewDto }) sender: PostalAddressViewDto;
  @ApiProperty({ type: PostalAddressViewDto }) receiver: PostalAddressViewDto;
  @ApiProperty({ type: 'integer', description: 'Postage, in đồng' }) postageVnd: number;
  @ApiProperty({ type: 'integer', description: 'Collected on delivery, in đồng' }) codVnd: number;
  @ApiProperty({ type: HandOverViewDto, nullable: true }) handOver: HandOverViewDto | null;
  @ApiProperty({ enum: ['not_needed', 'pending', 'acknowledged', 'failed'] }) carrierState: string;
  @ApiProperty({ type: String, nullable: true }) carrierError: string | null;
  @ApiProperty({ enum: ShipmentStatus, isArray: true }) nextStatuses: string[];
  @ApiProperty({ type: [ShipmentEventDto] }) timeline: ShipmentEventDto[];
}

export class PostalIntakeResultDto {
  @ApiProperty({ type: ApplicationDto }) application: ApplicationDto;
  @ApiProperty({ type: ShipmentDto }) shipment: ShipmentDto;
}

export class ReturnRequestDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: PostalAddressViewDto }) receiver: PostalAddressViewDto;
  @ApiProperty({ type: 'integer' }) postageVnd: number;
}

export class TrackingPoolDto {
  @ApiProperty({ type: 'integer', description: 'Codes not yet allocated' }) free: number;
  @ApiProperty({ type: 'integer' }) allocated: number;
}

export class TrackingPoolImportDto extends TrackingPoolDto {
  @ApiProperty({ type: 'integer' }) added: number;
  @ApiProperty({ type: 'integer', description: 'Codes of the range already in the pool' })
  alreadyThere: number;
}
