import {
  METER_AGGREGATIONS,
  Meter,
  newPublicId,
  queueAuditEvent,
  type EntityManager,
  type IMeter,
  type MeterAggregation,
} from "@portico/db";
import type { Clock } from "../clock.js";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import { flushOrConflict } from "../common/flush.js";
import { AppError } from "../errors.js";
import { toMeterDto, type MeterDto } from "./dto.js";

/** Event names: letters, digits and `_ . : -`, starting with a letter or digit (`api_requests`). */
export const EVENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

export interface CreateMeterInput {
  eventName: string;
  displayName: string;
  aggregation: MeterAggregation;
  /**
   * unique_count only, and required there: the event property whose distinct values are
   * counted. sum and max aggregate the event's numeric `value`; count counts events.
   */
  valueProperty?: string | null;
  unitLabel?: string | null;
}

const badMeter = (reason: string, message: string, details?: Record<string, unknown>) =>
  new AppError("BAD_REQUEST", reason, message, details ? { details } : {});

const meterNotFound = () => new AppError("NOT_FOUND", "METER_NOT_FOUND", "No such meter.");

function checkMeterInput(input: CreateMeterInput): Required<CreateMeterInput> {
  if (!EVENT_NAME_PATTERN.test(input.eventName)) {
    throw badMeter(
      "METER_EVENT_NAME_INVALID",
      "An event name is 1 to 100 letters, digits and _ . : -, starting with a letter or digit.",
    );
  }
  const displayName = input.displayName.trim();
  if (displayName.length === 0 || displayName.length > 200) {
    throw badMeter("METER_DISPLAY_NAME_INVALID", "A meter's display name is 1 to 200 characters.");
  }
  if (!METER_AGGREGATIONS.includes(input.aggregation)) {
    throw badMeter("METER_AGGREGATION_INVALID", "Unknown aggregation.", { allowed: [...METER_AGGREGATIONS] });
  }
  const valueProperty = input.valueProperty?.trim() || null;
  if (input.aggregation === "unique_count" && !valueProperty) {
    throw badMeter(
      "METER_VALUE_PROPERTY_REQUIRED",
      "A unique_count meter counts the distinct values of one event property: name it in valueProperty.",
    );
  }
  if (input.aggregation !== "unique_count" && valueProperty) {
    throw badMeter(
      "METER_VALUE_PROPERTY_NOT_ALLOWED",
      "sum and max meters aggregate the event's value and count meters count events: omit valueProperty.",
    );
  }
  if (valueProperty && valueProperty.length > 100) {
    throw badMeter("METER_VALUE_PROPERTY_INVALID", "valueProperty is at most 100 characters.");
  }
  const unitLabel = input.unitLabel?.trim() || null;
  if (unitLabel && unitLabel.length > 40) {
    throw badMeter("METER_UNIT_LABEL_INVALID", "A unit label is at most 40 characters.");
  }
  return {
    eventName: input.eventName,
    displayName,
    aggregation: input.aggregation,
    valueProperty,
    unitLabel,
  };
}

/**
 * A new meter listening to `eventName`, which must be free among the merchant's meters
 * (deactivated ones included: their events stay theirs). Events already stored under that
 * name before the meter existed are not counted retroactively.
 */
export async function createMeter(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: CreateMeterInput,
): Promise<MeterDto> {
  const fields = checkMeterInput(input);
  const taken = () =>
    new AppError("CONFLICT", "METER_EVENT_NAME_TAKEN", "Another meter already listens to this event name.", {
      details: { eventName: fields.eventName },
    });
  if (await em.count(Meter, { merchant: actor.merchantId, eventName: fields.eventName })) throw taken();
  const now = clock.now();
  const meter = em.create(Meter, {
    publicId: newPublicId("mtr"), // now, for the audit event queued before the flush
    merchant: actor.merchantId,
    ...fields,
    createdAt: now,
    updatedAt: now,
  });
  queueAuditEvent(
    em,
    auditEventBy(actor, {
      action: "Usage.MeterCreated",
      targetType: "meter",
      targetId: meter.publicId,
      data: { eventName: fields.eventName, aggregation: fields.aggregation },
      at: now,
    }),
  );
  await flushOrConflict(em, taken);
  return toMeterDto(meter);
}

/** The merchant's meters, oldest first (a merchant has a handful). */
export async function listMeters(
  em: EntityManager,
  merchantId: number,
  filter: { active?: boolean } = {},
): Promise<MeterDto[]> {
  const meters = await em.find(
    Meter,
    { merchant: merchantId, ...(filter.active === undefined ? {} : { active: filter.active }) },
    { orderBy: { createdAt: "asc", id: "asc" } },
  );
  return meters.map(toMeterDto);
}

async function findMeter(em: EntityManager, merchantId: number, id: string): Promise<IMeter> {
  const meter = await em.findOne(Meter, { publicId: id, merchant: merchantId });
  if (!meter) throw meterNotFound();
  return meter;
}

/** One of the merchant's meters by its `mtr_…` id; another merchant's is NOT_FOUND. */
export async function getMeter(em: EntityManager, merchantId: number, id: string): Promise<MeterDto> {
  return toMeterDto(await findMeter(em, merchantId, id));
}

/**
 * Stops a meter: events with its name are still stored (with no meter) but no longer
 * aggregated, and prices billing from it keep the totals gathered so far. Deactivating an
 * inactive meter changes nothing.
 */
export async function deactivateMeter(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  id: string,
): Promise<MeterDto> {
  const meter = await findMeter(em, actor.merchantId, id);
  if (!meter.active) return toMeterDto(meter);
  const now = clock.now();
  meter.active = false;
  queueAuditEvent(
    em,
    auditEventBy(actor, {
      action: "Usage.MeterDeactivated",
      targetType: "meter",
      targetId: meter.publicId,
      at: now,
    }),
  );
  await em.flush();
  return toMeterDto(meter);
}
