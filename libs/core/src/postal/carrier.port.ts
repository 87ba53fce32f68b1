import type { CarrierOrder } from '@app/domain';

/** Why a call to the carrier did not succeed; `permanent` failures are not retried. */
export class CarrierCallFailed extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * The postal carrier, as the use cases see it (a port: HttpCarrier is the adapter of the
 * carrier's partner API; another carrier is another subclass bound in PostalModule).
 */
export abstract class Carrier {
  /** False: nothing is sent; consignments wait in carrier_state 'pending'. */
  abstract get configured(): boolean;

  /**
   * Announces a consignment for collection at the desk: the post office's notice that a
   * result waits for it. Idempotent by tracking code. Throws CarrierCallFailed.
   */
  abstract announce(order: CarrierOrder): Promise<'ok' | 'already_exists'>;
}
