// Node footprint on the canvas, shared by insertion, paste offsets and tidy-up. Same size as the
// read-only graph so both views line up.
import { NODE_HEIGHT, NODE_WIDTH } from '@/components/flow-graph/layout';

export { NODE_HEIGHT, NODE_WIDTH };
/** Horizontal distance between a step and the next one (matches the seed flow's columns). */
export const COLUMN = 280;
/** Vertical distance between parallel branches. */
export const ROW = 140;
