/**
 * Test-only pacing (JOB_TEST_DELAY_MS): a fixed pause at each progress step of a job, so a
 * crash test can kill a worker in the middle of a job that would otherwise finish too fast
 * to catch. Blocking on purpose: the build's progress callback is synchronous, and a pause
 * that yields would let the rest of the build race ahead. Zero (the default) does nothing.
 */
import type { Config } from '../../config.ts';

export function testPause(config: Pick<Config, 'JOB_TEST_DELAY_MS'>): () => void {
  const ms = config.JOB_TEST_DELAY_MS;
  if (!ms) return () => {};
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return () => void Atomics.wait(cell, 0, 0, ms);
}
