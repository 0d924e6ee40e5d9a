/** Thrown under --frozen-lock, before anything is written, when the estate lock would change. */
export class FrozenLockError extends Error {
  constructor(
    readonly file: string,
    readonly changes: readonly string[],
  ) {
    const shown = changes.slice(0, 40);
    super(
      `${file} would change (--frozen-lock):\n${shown.map((c) => `  ${c}`).join('\n')}${changes.length > shown.length ? `\n  ... and ${changes.length - shown.length} more` : ''}\n` +
        'Run npm run synth without --frozen-lock, review the lock diff and commit the lock with the estate file.',
    );
    this.name = 'FrozenLockError';
  }
}
