/**
 * cdktf registers every token it makes in one map for the whole process (TokenMap, on
 * globalThis), and never lets go of one: each token holds what it refers to, so a token of a
 * resource keeps that resource, its stack and the whole app of its synth alive. A process that
 * synthesizes again and again (`npm run synth -- --watch`, the test suites) grew by the apps of
 * every synth before: about 10 MB a synth for an edit of one zone of 100, 1 GB after 80 edits.
 * A synth's tokens mean nothing once it is over (what it wrote is plain JSON), and token keys
 * carry a counter that only grows, so no later token has the key of a forgotten one.
 */

interface TokenMapShape {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
}

/**
 * Runs `synth`, then forgets every token registered meanwhile; those registered before it stay.
 * Before cdktf's first token there is nothing to tell a synth's tokens from those modules made as
 * they loaded: the first synth of a process keeps its own.
 */
export function forgettingTokens<T>(synth: () => T): T {
  const map = tokenMap();
  const sizes = map && [map.stringTokenMap.size, map.numberTokenMap.size];
  try {
    return synth();
  } finally {
    // Maps keep insertion order, and cdktf never deletes a token: those after the first `size` are this synth's.
    if (map && sizes && tokenMap() === map) {
      forgetAfter(map.stringTokenMap, sizes[0]!);
      forgetAfter(map.numberTokenMap, sizes[1]!);
    }
  }
}

function forgetAfter<K>(map: Map<K, unknown>, keep: number): void {
  let index = 0;
  for (const key of [...map.keys()]) if (index++ >= keep) map.delete(key);
}

/** cdktf's TokenMap where it keeps it, if it has made one and it has the shape this expects. */
function tokenMap(): TokenMapShape | undefined {
  const map = (globalThis as { __cdktfTokenMap?: Partial<TokenMapShape> }).__cdktfTokenMap;
  return map?.stringTokenMap instanceof Map && map.numberTokenMap instanceof Map ? (map as TokenMapShape) : undefined;
}
