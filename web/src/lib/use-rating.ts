/** Rating an AI text with stars: what was chosen, whether it is stored, and a reset for the next text. */
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { help } from '../api/endpoints.ts';

export function useRating(onError: (message: string) => void) {
  const [stars, setStars] = useState(0);
  const [rated, setRated] = useState(false);
  /** A text stored without an id (its provider failed to record it) shows the stars but stores nothing. */
  const rate = async (aiOutputId: string | null | undefined, n: number) => {
    setStars(n);
    if (!aiOutputId) return;
    try {
      await help.rate(aiOutputId, n);
      setRated(true);
    } catch (err) {
      onError(errorMessage(err));
    }
  };
  const reset = () => {
    setStars(0);
    setRated(false);
  };
  return { stars, rated, rate, reset };
}
