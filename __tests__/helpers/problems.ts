import { validateEstate } from '../../lib/estate/load';
import { EstateProblem, EstateValidationError } from '../../lib/util/problems';
import { loadShippedEstate } from './synth';

/** The validation problems of a shipped estate after `mutate` (none when it is accepted). */
export function shippedEstateProblems(
  mutate: (estate: Record<string, any>) => void,
  name: 'relecloud' | 'adatum' | 'fabrikam' = 'relecloud',
): readonly EstateProblem[] {
  const estate = loadShippedEstate(name);
  mutate(estate);
  try {
    validateEstate(estate);
  } catch (error) {
    if (error instanceof EstateValidationError) return error.problems;
    throw error;
  }
  return [];
}
