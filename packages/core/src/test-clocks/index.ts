export {
  advanceTestClock,
  createTestClock,
  deleteTestClock,
  getTestClock,
  listTestClocks,
  MAX_ADVANCE_DAYS,
  TEST_CLOCK_ADVANCE_JOB,
  testClockForSubscription,
  type AdvanceTestClockInput,
  type CreateTestClockInput,
} from "./clocks.js";
export { runTestClockAdvance, testClockAdvanceJob, ZTestClockAdvancePayload } from "./advance-job.js";
export { toTestClockDto, type TestClockDto } from "./dto.js";
