/** The last link of every chain: the task's own rule-based writer. Never unavailable. */
import type { Completion, CompletionRequest, Provider } from './types.ts';

/** Bump when the shared template machinery (not one task's phrasing) changes. */
const TEMPLATE_ENGINE = 'template/1';

export function createTemplateProvider(): Provider {
  const write = (req: CompletionRequest): Completion => ({
    text: req.task.template(req.input, req.rng),
    model: `${TEMPLATE_ENGINE}:${req.task.promptVersion}`,
  });
  return {
    kind: 'template',
    version: TEMPLATE_ENGINE,
    available: () => true,
    async complete(req) {
      return write(req);
    },
    stream(req) {
      const { text, model } = write(req);
      return Object.assign(
        (async function* () {
          // Word-sized chunks, so a client renders the template the way it renders a model.
          for (const m of text.matchAll(/\S+\s*/g)) yield m[0];
        })(),
        { model },
      );
    },
  };
}
