// The table-rotation mixer: seats for every round (planMixer), the baseline it is measured against, and their figures.
export { greedyMixerPlan, planMixer } from './plan.js';
export { countFigures, tablesOf } from './figures.js';
export { greedyMixerPlanOffThread, planMixerOffThread } from './off-thread.js';
export { readMixerProblem, type MixerModel } from './model.js';
export {
  MixerProblemError,
  repeatFreeBound,
  type MixerFigures,
  type MixerOptions,
  type MixerPerson,
  type MixerPlan,
  type MixerProblem,
} from './problem.js';

