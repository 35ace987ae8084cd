export { createSimulator, type Simulator, type SimulatorOptions } from './create-simulator';
export type { SimState } from './state';
export type { CallRecord, Fault, SimAlert, SimMachine } from './types';
