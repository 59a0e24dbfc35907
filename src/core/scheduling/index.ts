export { checkSchedule, type MeetingToPlace, type Placement, type ScheduleMode, type SchedulingProblem } from './problem.js';
export { scheduleMeetings, type ScheduleOptions, type ScheduleResult } from './scheduler.js';
export { placementUpperBound } from './upper-bound.js';
