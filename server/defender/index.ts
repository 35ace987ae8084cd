export { createMdeClient, type IsolationType, type MachineActionType, type MdeClient, type MdeClientOptions } from './mde-client';
export { getAccessToken, clearTokenCache } from './token-provider';
export { MdeApiError, isMdeApiError } from './errors';
export type { DefenderConnection } from './connection';
export type { MachineAction, MdeAlert, MdeMachine } from './entities';
export type { HuntingApi, HuntingColumn, HuntingOptions, HuntingResult } from './hunting';
