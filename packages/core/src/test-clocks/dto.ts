import type { ITestClock } from "@portico/db";

/** A test clock as the integration API shows it. */
export interface TestClockDto {
  /** `clock_…` */
  id: string;
  name: string;
  /** The clock's now (ISO 8601). */
  frozenTime: string;
  /** `advancing` while an advance runs the jobs that fall due; `ready` otherwise. */
  status: ITestClock["status"];
  /** `cus_…` of the customer on the clock, if any. */
  customer: string | null;
  createdAt: string;
}

/** Needs `customer` populated when set. */
export function toTestClockDto(clock: ITestClock): TestClockDto {
  return {
    id: clock.publicId,
    name: clock.name,
    frozenTime: clock.frozenTime.toISOString(),
    status: clock.status,
    customer: clock.customer?.getEntity().publicId ?? null,
    createdAt: clock.createdAt.toISOString(),
  };
}
