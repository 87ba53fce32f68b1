import { Module } from '@nestjs/common';
import { PostalShipmentRepository, ProcedureRepository } from '@app/database';
import { Clock } from '../clock/clock';
import { Carrier } from './carrier.port';
import { HttpCarrier } from './http-carrier';
import { PostalDispatchService } from './postal-dispatch.service';
import { PostalIntakeService } from './postal-intake.service';
import { PostalShipmentService } from './postal-shipment.service';

/**
 * The postal channel's use cases for the API: intake by post, shipments and their timeline,
 * the result by post, the tracking-code pool. Needs CoreModule (intake, applications).
 */
@Module({
  providers: [
    Clock,
    PostalShipmentRepository,
    ProcedureRepository,
    PostalIntakeService,
    PostalShipmentService,
  ],
  exports: [PostalIntakeService, PostalShipmentService],
})
export class PostalModule {}

/**
 * The worker's side: the result-ready dispatch (shipment, applicant's e-mail, the carrier's
 * announcement). The carrier is a port; HttpCarrier is its adapter of the partner API.
 */
@Module({
  providers: [
    Clock,
    PostalShipmentRepository,
    { provide: Carrier, useClass: HttpCarrier },
    PostalDispatchService,
  ],
  exports: [PostalDispatchService],
})
export class PostalDispatchModule {}
