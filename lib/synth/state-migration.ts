import { existsSync } from 'fs';
import * as path from 'path';
import { Estate } from '../estate/model';

/** A state file at the layout before state isolation, and where it belongs now. */
export interface StateMove {
  readonly stack: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Local states still at the old shared layout (`<stateDirectory>/<stack>.tfstate`, shared by
 * every estate) while the estate's own folder has none: Terraform would start from an empty
 * state and try to create everything again. Synth lists them with the command that moves them
 * (docs/state.md); it never moves a state itself, since it cannot know which estate the file
 * belongs to.
 */
export function statesToMove(estate: Estate, stacks: readonly string[], projectDir: string): StateMove[] {
  if (estate.backend.type !== 'local') return [];
  const own = path.resolve(projectDir, estate.backend.stateDirectory);
  const shared = path.dirname(own);
  return stacks.flatMap((stack) => {
    const from = path.join(shared, `${stack}.tfstate`);
    const to = path.join(own, `${stack}.tfstate`);
    return existsSync(from) && !existsSync(to) ? [{ stack, from, to }] : [];
  });
}

/** What synth prints about them: the command to run, relative to where synth runs. */
export function formatStateMoves(moves: readonly StateMove[], cwd = process.cwd()): string {
  if (!moves.length) return '';
  const show = (file: string) => {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') ? relative : file;
  };
  const dir = show(path.dirname(moves[0]!.to));
  return [
    `warning: ${moves.length} state file${moves.length === 1 ? '' : 's'} of this estate's stacks ${moves.length === 1 ? 'is' : 'are'} still at the old shared layout; each estate and environment now has its own state folder (docs/state.md).`,
    'If they belong to this estate, move them before the next terraform command, or Terraform starts from an empty state:',
    `  mkdir -p ${dir}`,
    ...moves.map((m) => `  mv ${show(m.from)} ${show(m.to)}`),
    '',
  ].join('\n');
}
