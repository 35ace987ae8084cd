import { z } from 'zod';
import { hasToken } from '../tokens/parse';
import { meta } from './fields';
import type { ParamMeta } from './types';

/** A value of any JSON shape, tokens allowed anywhere inside; required unless `optional`. */
export function anyValueParam(data: ParamMeta & { optional?: boolean }) {
  const { optional, ...rest } = data;
  const schema = optional ? z.unknown() : z.unknown().refine((v) => v !== undefined, 'Required');
  return meta(schema, { widget: 'json', ...rest });
}

/** Variable names are token path segments: `{{ variables.<name> }}`. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function variableNameParam() {
  return meta(
    z
      .string()
      .trim()
      .min(1, 'Required')
      .regex(VARIABLE_NAME_PATTERN, 'Use letters, digits and _ (starting with a letter or _), as in {{ variables.machine_ids }}')
      .refine((v) => !hasToken(v), 'The name must be written out, not a token'),
    { title: 'Name', description: 'Read it later as {{ variables.<name> }}.', widget: 'text' },
  );
}

/** The root tokens use for run variables, reserved like `trigger`. */
export const VARIABLES_ROOT = 'variables';
