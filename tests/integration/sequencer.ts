// Vitest's order (slowest files first, from its cache) would start the files that must run alone
// (runs-alone.ts) side by side, leaving one worker waiting for the other. Keep that order, but
// spread those files evenly over their project's list so each starts when the one before is done.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const RUNS_ALONE = ['tests/integration/crash-safety.test.ts', 'tests/integration/rate-limit-burst.test.ts'];

export class SpreadSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const alone = (s: TestSpecification) => RUNS_ALONE.some((f) => s.moduleId.endsWith(f));
    const heavy = sorted.filter(alone);
    if (heavy.length < 2) return sorted;
    const project = heavy[0]!.project.name;
    const rest = sorted.filter((s) => !alone(s));
    const slots = rest.map((s, i) => ({ s, i })).filter(({ s }) => s.project.name === project).map(({ i }) => i);
    // Insert from the back so earlier positions stay valid.
    for (let k = heavy.length - 1; k >= 0; k--) {
      const at = slots[Math.floor((k * slots.length) / heavy.length)] ?? rest.length;
      rest.splice(at, 0, heavy[k]!);
    }
    return rest;
  }
}
